# d2l.ai, "Networks Using Blocks (VGG)", "Network in Network (NiN)" and "Multi-Branch Networks
# (GoogLeNet)" (d2l.ai/chapter_convolutional-modern/vgg.html, nin.html, googlenet.html):
# vgg_block / vgg, nin_block and the NiN net, the Inception block and GoogLeNet's five stages,
# each with the chapter's layer-by-layer output shapes, then one backward through each. The
# channel counts are divided by 8 (the chapter's own `ratio` for VGG is 4) and VGG's 4096-wide
# dense layers are 256 wide, so that it all runs in a second; inputs as in the chapters.
# ruff: noqa: UP008 - the source's own style
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)
ratio = 8


def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def vgg(conv_arch):
    conv_blks = []
    in_channels = 1
    # The convolutional part
    for (num_convs, out_channels) in conv_arch:
        conv_blks.append(vgg_block(num_convs, in_channels, out_channels))
        in_channels = out_channels

    return nn.Sequential(
        *conv_blks, nn.Flatten(),
        # The fully connected part
        nn.Linear(out_channels * 7 * 7, 256), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(256, 10))


conv_arch = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))
small_conv_arch = [(pair[0], pair[1] // ratio) for pair in conv_arch]
net = vgg(small_conv_arch)
X = torch.randn(size=(1, 1, 224, 224))
for blk in net:
    X = blk(X)
    print(blk.__class__.__name__, 'output shape:\t', X.shape)


def nin_block(in_channels, out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, strides, padding),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


nin = nn.Sequential(
    nin_block(1, 96 // ratio, kernel_size=11, strides=4, padding=0),
    nn.MaxPool2d(3, stride=2),
    nin_block(96 // ratio, 256 // ratio, kernel_size=5, strides=1, padding=2),
    nn.MaxPool2d(3, stride=2),
    nin_block(256 // ratio, 384 // ratio, kernel_size=3, strides=1, padding=1),
    nn.MaxPool2d(3, stride=2),
    nn.Dropout(0.5),
    # There are 10 label classes
    nin_block(384 // ratio, 10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)),
    # Transform the four-dimensional output into two-dimensional output with a
    # shape of (batch size, 10)
    nn.Flatten())
X = torch.rand(size=(1, 1, 224, 224))
for layer in nin:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)


class Inception(nn.Module):
    # c1--c4 are the number of output channels for each branch
    def __init__(self, in_channels, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        # Branch 1
        self.p1_1 = nn.Conv2d(in_channels, c1, kernel_size=1)
        # Branch 2
        self.p2_1 = nn.Conv2d(in_channels, c2[0], kernel_size=1)
        self.p2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        # Branch 3
        self.p3_1 = nn.Conv2d(in_channels, c3[0], kernel_size=1)
        self.p3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        # Branch 4
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = nn.Conv2d(in_channels, c4, kernel_size=1)

    def forward(self, x):
        p1 = F.relu(self.p1_1(x))
        p2 = F.relu(self.p2_2(F.relu(self.p2_1(x))))
        p3 = F.relu(self.p3_2(F.relu(self.p3_1(x))))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        # Concatenate the outputs on the channel dimension
        return torch.cat((p1, p2, p3, p4), dim=1)


def r(c):
    return c // ratio


b1 = nn.Sequential(nn.Conv2d(1, r(64), kernel_size=7, stride=2, padding=3),
                   nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b2 = nn.Sequential(nn.Conv2d(r(64), r(64), kernel_size=1),
                   nn.ReLU(),
                   nn.Conv2d(r(64), r(192), kernel_size=3, padding=1),
                   nn.ReLU(),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b3 = nn.Sequential(Inception(r(192), r(64), (r(96), r(128)), (r(16), r(32)), r(32)),
                   Inception(r(256), r(128), (r(128), r(192)), (r(32), r(96)), r(64)),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b4 = nn.Sequential(Inception(r(480), r(192), (r(96), r(208)), (r(16), r(48)), r(64)),
                   Inception(r(512), r(160), (r(112), r(224)), (r(24), r(64)), r(64)),
                   Inception(r(512), r(128), (r(128), r(256)), (r(24), r(64)), r(64)),
                   Inception(r(512), r(112), (r(144), r(288)), (r(32), r(64)), r(64)),
                   Inception(r(528), r(256), (r(160), r(320)), (r(32), r(128)), r(128)),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b5 = nn.Sequential(Inception(r(832), r(256), (r(160), r(320)), (r(32), r(128)), r(128)),
                   Inception(r(832), r(384), (r(192), r(384)), (r(48), r(128)), r(128)),
                   nn.AdaptiveAvgPool2d((1, 1)),
                   nn.Flatten())
googlenet = nn.Sequential(b1, b2, b3, b4, b5, nn.Linear(r(1024), 10))
X = torch.rand(size=(1, 1, 96, 96))
for layer in googlenet:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)

for name, model, size in [("vgg", net, 224), ("nin", nin, 224), ("googlenet", googlenet, 96)]:
    X = torch.rand(1, 1, size, size)
    y = torch.tensor([3])
    model.train()
    loss = F.cross_entropy(model(X), y)
    loss.backward()
    first = next(model.parameters())
    print(name, round(loss.item(), 5), first.grad.shape, first.grad.norm(),
          sum(p.numel() for p in model.parameters()))
