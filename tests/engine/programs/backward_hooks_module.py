# A learner's debugging script (PyTorch docs, nn.Module.register_full_backward_hook): print
# gradient norms per layer, scale a layer's gradient, and the legacy backward hook.
import warnings

import torch
from torch import nn

warnings.simplefilter('ignore')
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1))


def print_grad_norms(module, grad_input, grad_output):
    gin = [None if g is None else round(g.norm().item(), 4) for g in grad_input]
    gout = [round(g.norm().item(), 4) for g in grad_output]
    print(type(module).__name__, 'grad_input', gin, 'grad_output', gout)


for layer in model:
    layer.register_full_backward_hook(print_grad_norms)
x = torch.randn(4, 3)
out = model(x)
print(out.grad_fn.name())
out.sum().backward()
print(model[0].weight.grad)
model.zero_grad()
x.requires_grad_(True)
model(x).sum().backward()
print(x.grad)


def halve(module, grad_input, grad_output):
    return (grad_input[0] * 0.5,)


model2 = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1))
model2[1].register_full_backward_hook(halve)
x2 = torch.ones(2, 3, requires_grad=True)
model2(x2).sum().backward()
print(x2.grad)
lin = nn.Linear(2, 2)
lin.register_backward_hook(
    lambda m, gi, go: print('legacy', [g.shape for g in gi if g is not None]))
lin(torch.ones(3, 2, requires_grad=True)).sum().backward()
