# d2l.ai, "Lazy Initialization" (d2l.ai/chapter_builders-guide/lazy-init.html) and "Concise
# Implementation of Softmax Regression" (d2l.ai/chapter_linear-classification/
# softmax-regression-concise.html): LazyLinear layers whose input sizes come from the first
# batch, then the concise softmax regression and MLP trained with F.cross_entropy and SGD on
# random 8x8 "images" (Fashion-MNIST's 28x28 in the book).
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)

net = nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.LazyLinear(10))
print(net[0].weight)
print(net)

X = torch.rand(2, 20)
net(X)
print(net[0].weight.shape)
print(net)


def init_cnn(module):
    if type(module) in (nn.Linear, nn.Conv2d):
        nn.init.xavier_uniform_(module.weight)


net.apply(init_cnn)
print(net[2].weight[0, :5])


class SoftmaxRegression(nn.Module):
    """The softmax regression model."""

    def __init__(self, num_outputs, lr):
        super().__init__()
        self.lr = lr
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(num_outputs))

    def forward(self, X):
        return self.net(X)

    def loss(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        Y = Y.reshape((-1,))
        return F.cross_entropy(Y_hat, Y, reduction='mean' if averaged else 'none')

    def accuracy(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        preds = Y_hat.argmax(axis=1).type(Y.dtype)
        compare = (preds == Y.reshape(-1)).type(torch.float32)
        return compare.mean() if averaged else compare

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), self.lr)


class MLP(SoftmaxRegression):
    def __init__(self, num_outputs, num_hiddens, lr):
        nn.Module.__init__(self)
        self.lr = lr
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(num_hiddens),
                                 nn.ReLU(), nn.LazyLinear(num_outputs))


templates = torch.randn(10, 1, 8, 8)
Y_train = torch.randint(0, 10, (128,))
X_train = templates[Y_train] + 0.8 * torch.randn(128, 1, 8, 8)
Y_val = torch.randint(0, 10, (64,))
X_val = templates[Y_val] + 0.8 * torch.randn(64, 1, 8, 8)


def fit(model, max_epochs=4, batch_size=32):
    model(X_train[:1])  # materialise the lazy layers before the optimizer sees them
    optim = model.configure_optimizers()
    for epoch in range(max_epochs):
        model.train()
        for i in range(0, len(X_train), batch_size):
            loss = model.loss(model(X_train[i:i + batch_size]), Y_train[i:i + batch_size])
            optim.zero_grad()
            with torch.no_grad():
                loss.backward()
            optim.step()
        model.eval()
        with torch.no_grad():
            Y_hat = model(X_val)
            print(f'epoch {epoch + 1}: train_loss {loss.item():.4f}, '
                  f'val_loss {model.loss(Y_hat, Y_val).item():.4f}, '
                  f'val_acc {model.accuracy(Y_hat, Y_val).item():.4f}')


model = SoftmaxRegression(num_outputs=10, lr=0.1)
fit(model)
print(model)
print(model.loss(model(X_val[:4]), Y_val[:4], averaged=False))

model = MLP(num_outputs=10, num_hiddens=32, lr=0.1)
fit(model)
print(model)
print([p.shape for p in model.parameters()])
