# The convolution output-size formula (CS231n notes, "Convolutional Networks"): computed by
# hand and checked against nn.Conv2d / nn.MaxPool2d for several settings.
import torch
from torch import nn


def out_size(w, k, s, p, d=1):
    return (w + 2 * p - d * (k - 1) - 1) // s + 1


x = torch.randn(1, 1, 32, 32)
for k, s, p, d in [(5, 1, 0, 1), (3, 1, 1, 1), (3, 2, 1, 1), (7, 2, 3, 1), (3, 1, 2, 2)]:
    conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
    print(k, s, p, d, out_size(32, k, s, p, d), conv(x).shape[-1])
for k, s, ceil in [(2, 2, False), (3, 2, False), (3, 2, True)]:
    print(k, s, ceil, nn.MaxPool2d(k, s, ceil_mode=ceil)(torch.randn(1, 1, 7, 7)).shape)
