# torch.nn basics: a small MLP, its printout, parameters, zero_grad and an optimizer step.
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
print(net)
for name, p in net.named_parameters():
    print(name, tuple(p.shape), p.requires_grad)
print(net[0].weight)
print(net[0].bias)
X = torch.rand(2, 4)
out = net(X)
print(out)
loss = nn.MSELoss()(out, torch.ones(2, 1))
print(loss)
loss.backward()
print(net[2].weight.grad)
print(net[0].bias.grad)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
opt.step()
print(net[2].weight)
opt.zero_grad()
print(net[2].weight.grad)
print(sum(p.numel() for p in net.parameters()))
print(nn.Linear(2, 2, bias=False))
print(nn.Sigmoid()(torch.tensor([0.0, 1.0])), nn.Tanh()(torch.tensor([0.5])))
