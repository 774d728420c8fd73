# A 1x1 convolution is a per-pixel linear layer (d2l.ai "1x1 Convolutional Layer"): the same
# weights through nn.Conv2d and nn.Linear give the same output and gradients.
import torch
from torch import nn

torch.manual_seed(0)
conv = nn.Conv2d(3, 2, kernel_size=1)
lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(conv.weight.view(2, 3))
    lin.bias.copy_(conv.bias)
x = torch.randn(1, 3, 4, 4)
a = conv(x)
b = lin(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
print(torch.allclose(a, b, atol=1e-6), a.shape)
a.sum().backward()
b.sum().backward()
print(torch.allclose(conv.weight.grad.view(2, 3), lin.weight.grad), conv.bias.grad, lin.bias.grad)
print(conv)
