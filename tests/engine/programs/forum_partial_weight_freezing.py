# PyTorch forums, "Weight freezing" (discuss.pytorch.org/t/weight-freezing/171255): a learner
# wants only the triangular part of a weight to train. What the question tried (requires_grad on
# a masked copy of .data), the answer's mask multiplied into the forward, and the other common
# answer (errorhandle.ai, "how to freeze only subset of learnable parameter of one layer"): a
# register_hook that zeroes the frozen rows' gradient; with SGD, and why Adam's weight decay
# would still move them.
import torch
from torch import nn


class MyClass(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(5, 5))
        self.mask = torch.triu(torch.ones_like(self.weight))

    def forward(self, x):
        out = (self.weight * self.mask).matmul(x)
        return out


torch.manual_seed(0)
data = torch.randn(5, 4)
model = MyClass()

# What the question tried: it changes nothing about the parameter.
mask = model.mask
selected = model.weight.data[mask == 0]
selected.requires_grad = False
print(selected.shape, model.weight.requires_grad)

out = model(data)
out.sum().backward()
print(model.weight.grad)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
before = model.weight.detach().clone()
opt.step()
print(((model.weight - before) != 0).int())


class PartialFreezeLinear(nn.Linear):
    def __init__(self, in_features, out_features, freeze_rows):
        super().__init__(in_features, out_features)
        self.freeze_rows = freeze_rows
        self.weight.register_hook(self._mask_grad)

    def _mask_grad(self, grad):
        grad = grad.clone()
        grad[: self.freeze_rows] = 0
        return grad


torch.manual_seed(0)
layer = PartialFreezeLinear(4, 3, freeze_rows=2)
x = torch.randn(6, 4)
layer(x).pow(2).sum().backward()
print(layer.weight.grad, layer.bias.grad)
for optimizer in (torch.optim.SGD(layer.parameters(), lr=0.1),
                  torch.optim.AdamW(layer.parameters(), lr=0.1, weight_decay=0.5)):
    before = layer.weight.detach().clone()
    optimizer.step()
    print(type(optimizer).__name__, (layer.weight - before).abs().sum(dim=1))
