# PyTorch docs, nn.ParameterList / nn.ParameterDict: a polynomial whose coefficients live in a
# ParameterList, fitted to sin(x); a ParameterDict of named scales.
import math

import torch
from torch import nn


class Polynomial(nn.Module):
    def __init__(self, degree):
        super().__init__()
        self.coefficients = nn.ParameterList(
            [nn.Parameter(torch.tensor(0.1 * (i + 1))) for i in range(degree + 1)])
        self.scales = nn.ParameterDict({"out": nn.Parameter(torch.tensor(1.0))})

    def forward(self, x):
        total = sum(c * x ** i for i, c in enumerate(self.coefficients))
        return self.scales["out"] * total


model = Polynomial(3)
print([name for name, _ in model.named_parameters()])
print(model)
x = torch.linspace(-math.pi, math.pi, 200)
y = torch.sin(x)
opt = torch.optim.SGD(model.parameters(), lr=1e-4)
for t in range(200):
    loss = ((model(x) - y) ** 2).sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
print([round(c.item(), 5) for c in model.coefficients], round(model.scales["out"].item(), 5))
