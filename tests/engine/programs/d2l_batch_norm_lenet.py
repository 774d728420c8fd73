# d2l.ai, "Batch Normalization" concise version: LeNet with nn.BatchNorm2d / BatchNorm1d after
# each convolution and linear layer, one training step on a small batch of 28x28 images.
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.Conv2d(1, 6, kernel_size=5), nn.BatchNorm2d(6), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), nn.BatchNorm2d(16), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2), nn.Flatten(),
    nn.Linear(256, 120), nn.BatchNorm1d(120), nn.Sigmoid(),
    nn.Linear(120, 84), nn.BatchNorm1d(84), nn.Sigmoid(),
    nn.Linear(84, 10))
print(net[1])
X = torch.rand(4, 1, 28, 28)
y = torch.tensor([3, 1, 4, 1])
opt = torch.optim.SGD(net.parameters(), lr=0.9)
for step in range(3):
    loss = nn.functional.cross_entropy(net(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(net[1].running_mean[:3], net[1].running_var[:3])
print(net[1].weight.reshape((-1,))[:3], net[1].bias.reshape((-1,))[:3])
net.eval()
print(net(X).argmax(dim=1).shape)
