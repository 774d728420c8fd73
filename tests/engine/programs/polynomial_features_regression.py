# Polynomial regression with hand-made features (d2l.ai "Model Selection, Underfitting, and
# Overfitting"): features x^i / i!, fitted by SGD; the learned weights for degree 3 and 20.
import math

import torch
from torch import nn

torch.manual_seed(0)
max_degree = 20
n_train, n_test = 100, 100
true_w = torch.zeros(max_degree)
true_w[0:4] = torch.tensor([5, 1.2, -3.4, 5.6])
features = torch.randn((n_train + n_test, 1))
poly_features = torch.pow(features, torch.arange(max_degree).reshape(1, -1))
for i in range(max_degree):
    poly_features[:, i] /= math.gamma(i + 1)
labels = poly_features @ true_w
labels += torch.normal(0, 0.1, size=labels.shape)
print(features[:2], poly_features[:2, :4], labels[:2])


def train(train_features, test_features, train_labels, test_labels, num_epochs=200):
    loss = nn.MSELoss(reduction='none')
    input_shape = train_features.shape[-1]
    net = nn.Sequential(nn.Linear(input_shape, 1, bias=False))
    trainer = torch.optim.SGD(net.parameters(), lr=0.01)
    for epoch in range(num_epochs):
        for i in range(0, n_train, 10):
            Xb = train_features[i:i + 10]
            yb = train_labels[i:i + 10].reshape(-1, 1)
            trainer.zero_grad()
            loss(net(Xb), yb).mean().backward()
            trainer.step()
    with torch.no_grad():
        test_l = loss(net(test_features), test_labels.reshape(-1, 1)).mean()
    print('weight:', net[0].weight.data.numpy().round(3), f'test loss {test_l.item():.4f}')


train(poly_features[:n_train, :4], poly_features[n_train:, :4], labels[:n_train],
      labels[n_train:])
train(poly_features[:n_train, :2], poly_features[n_train:, :2], labels[:n_train],
      labels[n_train:])
