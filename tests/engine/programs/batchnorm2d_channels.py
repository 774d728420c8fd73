# PyTorch docs, torch.nn.BatchNorm2d: one mean and variance per channel over (N, H, W); the
# gradient of a normalised batch sums to zero over each channel.
import torch
from torch import nn

torch.manual_seed(2)
m = nn.BatchNorm2d(3)
x = torch.randn(2, 3, 4, 4, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn)
print(y.mean(dim=(0, 2, 3)).abs().max() < 1e-6, y.var(dim=(0, 2, 3), unbiased=False))
(y * torch.arange(96.).reshape(2, 3, 4, 4)).sum().backward()
print(x.grad.sum(dim=(0, 2, 3)).abs().max() < 1e-3)
print(m.weight.grad, m.bias.grad)
print(m.running_mean, m.running_var)
m.eval()
print(m(x).mean().item() == m(x).mean().item())
