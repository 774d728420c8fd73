# milesial/Pytorch-UNet (https://github.com/milesial/Pytorch-UNet, unet/unet_parts.py and
# unet/unet_model.py): DoubleConv, Down (MaxPool2d then DoubleConv), Up (bilinear nn.Upsample
# with align_corners=True, or a ConvTranspose2d of kernel 2 and stride 2, then F.pad to the skip
# connection's size and torch.cat) and OutConv, as written there; the UNet shrunk to two levels
# of 4 and 8 channels on 12x12 images, trained for 3 steps with train.py's CrossEntropyLoss and
# RMSprop (momentum 0.999), once with each kind of Up.
# ruff: noqa: PLR0402, UP008 - the source's own style
import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    """(convolution => [BN] => ReLU) * 2"""

    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    """Downscaling with maxpool then double conv"""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(
            nn.MaxPool2d(2),
            DoubleConv(in_channels, out_channels)
        )

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    """Upscaling then double conv"""

    def __init__(self, in_channels, out_channels, bilinear=True):
        super().__init__()

        # if bilinear, use the normal convolutions to reduce the number of channels
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        # input is CHW
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]

        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2,
                        diffY // 2, diffY - diffY // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class OutConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super(OutConv, self).__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1)

    def forward(self, x):
        return self.conv(x)


class UNet(nn.Module):
    def __init__(self, n_channels, n_classes, bilinear=False):
        super(UNet, self).__init__()
        self.n_channels = n_channels
        self.n_classes = n_classes
        self.bilinear = bilinear

        self.inc = DoubleConv(n_channels, 4)
        factor = 2 if bilinear else 1
        self.down1 = Down(4, 8 // factor)
        self.up1 = Up(8, 4, bilinear)
        self.outc = OutConv(4, n_classes)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x = self.up1(x2, x1)
        logits = self.outc(x)
        return logits


for bilinear in (True, False):
    torch.manual_seed(0)
    model = UNet(n_channels=1, n_classes=2, bilinear=bilinear)
    print(model.up1)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-5, weight_decay=1e-8,
                                    momentum=0.999)
    criterion = nn.CrossEntropyLoss()
    images = torch.randn(2, 1, 12, 12)
    true_masks = (images > 0.5).long()[:, 0]
    for step in range(3):
        masks_pred = model(images)
        loss = criterion(masks_pred, true_masks)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        print(step, masks_pred.shape, round(loss.item(), 4))
    print(masks_pred.grad_fn, model.up1.up(torch.ones(1, 8 // (2 if bilinear else 1), 2, 2)
                                           ).grad_fn)
    up = model.up1.up
    if bilinear:
        print(up(images[:1, :, :2, :3]))
    else:
        print(up.weight.grad[0, :2], up.bias.grad)
    print(model.inc.double_conv[0].weight.grad[0, 0])
