# Module containers (PyTorch docs for nn.ModuleList, nn.ModuleDict, nn.Sequential with an
# OrderedDict): iteration, indexing, parameters counted, modules() and named_modules().
from collections import OrderedDict

import torch
from torch import nn

torch.manual_seed(0)


class MyModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.linears = nn.ModuleList([nn.Linear(10, 10) for i in range(3)])
        self.activations = nn.ModuleDict({'relu': nn.ReLU(), 'tanh': nn.Tanh()})

    def forward(self, x, act='relu'):
        for i, layer in enumerate(self.linears):
            x = self.activations[act](layer(x))
        return x


m = MyModule()
print(m)
x = torch.randn(2, 10)
print(m(x).shape, m(x, 'tanh').abs().max() <= 1)
print(sum(p.numel() for p in m.parameters()))
seq = nn.Sequential(OrderedDict([('conv1', nn.Conv2d(1, 4, 3)), ('relu1', nn.ReLU()),
                                 ('pool', nn.MaxPool2d(2))]))
print(seq)
print(seq.conv1.weight.shape, seq(torch.randn(1, 1, 8, 8)).shape)
print([name for name, _ in m.named_modules()])
print(len(list(m.modules())), len(list(m.children())))
