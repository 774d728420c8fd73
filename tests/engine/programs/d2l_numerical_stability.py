# d2l.ai, "Numerical Stability and Initialization" (d2l.ai/chapter_multilayer-perceptrons/
# numerical-stability-and-init.html): the sigmoid's vanishing gradient, a product of random
# matrices that explodes, and Xavier initialisation keeping the variance.
import torch
from torch import nn

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))

print(y.detach()[::20])
print(x.grad[::20])
print(x.grad.max(), x.grad[0], x.grad[-1])

torch.manual_seed(0)
M = torch.normal(0, 1, size=(4, 4))
print('a single matrix \n', M)
for i in range(20):  # the book multiplies 100
    M = M @ torch.normal(0, 1, size=(4, 4))
print('after multiplying 20 matrices\n', M)
print(M.abs().max() > 1e5)

# Xavier initialisation: the output variance stays near the input's.
for init in (None, nn.init.xavier_uniform_, nn.init.xavier_normal_):
    torch.manual_seed(1)
    layers = [nn.Linear(64, 64) for _ in range(6)]
    if init is not None:
        for layer in layers:
            init(layer.weight)
            nn.init.zeros_(layer.bias)
    h = torch.randn(128, 64)
    stds = []
    for layer in layers:
        h = torch.tanh(layer(h))
        stds.append(round(h.std().item(), 4))
    print(getattr(init, '__name__', 'default'), stds)

# Gradients through a deep tanh stack: the first layer's gradient norm per scheme.
for gain in (0.5, 1.0, 5 / 3, 3.0):
    torch.manual_seed(2)
    layers = [nn.Linear(32, 32, bias=False) for _ in range(10)]
    for layer in layers:
        nn.init.xavier_normal_(layer.weight, gain=gain)
    h = torch.randn(16, 32)
    for layer in layers:
        h = torch.tanh(layer(h))
    h.pow(2).sum().backward()
    print(f'gain {gain:.3f}: first {layers[0].weight.grad.norm():.4e}, '
          f'last {layers[-1].weight.grad.norm():.4e}')
