# A small CNN trained on synthetic "bars" images (horizontal vs vertical), the kind of toy
# dataset intro deep-learning labs use: conv, ReLU, max pooling, linear head, Adam.
import torch
from torch import nn

torch.manual_seed(0)


def make_batch(n):
    X = torch.zeros(n, 1, 8, 8)
    y = torch.randint(0, 2, (n,))
    pos = torch.randint(1, 7, (n,))
    for i in range(n):
        if y[i] == 0:
            X[i, 0, pos[i], :] = 1.0
        else:
            X[i, 0, :, pos[i]] = 1.0
    return X + 0.1 * torch.randn(n, 1, 8, 8), y


model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Flatten(), nn.Linear(8 * 2 * 2, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for step in range(40):
    X, y = make_batch(16)
    loss = loss_fn(model(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 10 == 9:
        print(step + 1, round(loss.item(), 4))
X, y = make_batch(64)
with torch.no_grad():
    acc = (model(X).argmax(1) == y).float().mean()
print('accuracy', acc.item())
