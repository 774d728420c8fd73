# Global average pooling heads (d2l.ai "Network in Network", and ResNet's classifier):
# nn.AdaptiveAvgPool2d((1, 1)) and F.adaptive_avg_pool2d, with a small NiN block.
import torch
from torch import nn

torch.manual_seed(0)


def nin_block(in_channels, out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


net = nn.Sequential(
    nin_block(1, 8, kernel_size=5, strides=2, padding=1),
    nn.MaxPool2d(3, stride=2),
    nin_block(8, 10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.Flatten())
X = torch.rand(size=(2, 1, 24, 24))
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)
print(X)
print(nn.functional.adaptive_avg_pool2d(torch.arange(16.).reshape(1, 1, 4, 4), 2))
print(nn.functional.adaptive_avg_pool2d(torch.arange(25.).reshape(1, 1, 5, 5), (2, 3)))
print(net[3])
