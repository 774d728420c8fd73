# Dilated, strided and grouped convolutions (PyTorch docs for nn.Conv2d's parameters): output
# shapes, parameter counts, and a depthwise-separable block.
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(1, 4, 15, 15)
for conv in [nn.Conv2d(4, 8, 3), nn.Conv2d(4, 8, 3, stride=2), nn.Conv2d(4, 8, 3, dilation=2),
             nn.Conv2d(4, 8, 3, padding=2, dilation=2), nn.Conv2d(4, 8, 3, groups=2),
             nn.Conv2d(4, 4, 3, groups=4, bias=False), nn.Conv2d(4, 8, (3, 5), padding='same')]:
    print(conv, tuple(conv(x).shape), sum(p.numel() for p in conv.parameters()))
depthwise = nn.Conv2d(4, 4, 3, padding=1, groups=4)
pointwise = nn.Conv2d(4, 8, 1)
y = pointwise(depthwise(x))
y.mean().backward()
print(y.shape, depthwise.weight.grad.shape, round(depthwise.weight.grad.abs().sum().item(), 5))
