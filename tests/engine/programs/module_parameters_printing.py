# How modules, parameters and their gradients print; state_dict, zero_grad, requires_grad_.
import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 2)
        self.act = nn.Sigmoid()
        self.out = nn.Linear(2, 1, bias=False)
        self.scale = nn.Parameter(torch.tensor(2.0))

    def forward(self, x):
        return self.out(self.act(self.hidden(x))) * self.scale


torch.manual_seed(0)
net = TinyNet()
print(net)
print(net.scale)
print(net.out.weight)
print(list(net.parameters())[1])
for name, p in net.named_parameters():
    print(name, p.shape, p.grad)
sd = net.state_dict()
print(list(sd.keys()))
print(sd["hidden.bias"])
x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]])
y = net(x)
print(y)
y.sum().backward()
print(net.scale.grad, net.hidden.weight.grad)
net.zero_grad()
print(net.scale.grad)
net.hidden.requires_grad_(False)
print([p.requires_grad for p in net.parameters()])
print(isinstance(net.scale, torch.Tensor), type(net.scale).__name__, net.scale.is_leaf)
w = nn.Parameter(torch.ones(2))
print(w * 2)
print(repr(nn.Parameter(torch.zeros(2), requires_grad=False)))
