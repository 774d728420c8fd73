# pytorch/examples, "fast_neural_style" (github.com/pytorch/examples/tree/main/
# fast_neural_style/neural_style, utils.py and neural_style.py train()): gram_matrix,
# normalize_batch and the content + style loss of the training step, as written there. The
# pretrained Vgg16 is replaced by a tiny seeded feature extractor with the same namedtuple
# output, and the TransformerNet (instance norm, residual blocks, upsampling) by two of its
# ConvLayers (reflection padding, then a convolution); images are 2 random 3x16x16 batches.
# ruff: noqa: UP008, UP032 - the source's own style
from collections import namedtuple

import torch
from torch.optim import Adam


def gram_matrix(y):
    (b, ch, h, w) = y.size()
    features = y.view(b, ch, w * h)
    features_t = features.transpose(1, 2)
    gram = features.bmm(features_t) / (ch * h * w)
    return gram


def normalize_batch(batch):
    # normalize using imagenet mean and std
    mean = batch.new_tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
    std = batch.new_tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)
    batch = batch.div_(255.0)
    return (batch - mean) / std


class Vgg16(torch.nn.Module):
    def __init__(self, requires_grad=False):
        super(Vgg16, self).__init__()
        self.slice1 = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.ReLU())
        self.slice2 = torch.nn.Sequential(torch.nn.MaxPool2d(2),
                                          torch.nn.Conv2d(4, 6, 3, padding=1), torch.nn.ReLU())
        self.slice3 = torch.nn.Sequential(torch.nn.Conv2d(6, 6, 3, padding=1), torch.nn.ReLU())
        self.slice4 = torch.nn.Sequential(torch.nn.MaxPool2d(2),
                                          torch.nn.Conv2d(6, 8, 3, padding=1), torch.nn.ReLU())
        if not requires_grad:
            for param in self.parameters():
                param.requires_grad = False

    def forward(self, X):
        h = self.slice1(X)
        h_relu1_2 = h
        h = self.slice2(h)
        h_relu2_2 = h
        h = self.slice3(h)
        h_relu3_3 = h
        h = self.slice4(h)
        h_relu4_3 = h
        vgg_outputs = namedtuple("VggOutputs", ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3'])
        out = vgg_outputs(h_relu1_2, h_relu2_2, h_relu3_3, h_relu4_3)
        return out


class ConvLayer(torch.nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super(ConvLayer, self).__init__()
        reflection_padding = kernel_size // 2
        self.reflection_pad = torch.nn.ReflectionPad2d(reflection_padding)
        self.conv2d = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        out = self.reflection_pad(x)
        out = self.conv2d(out)
        return out


torch.manual_seed(42)
transformer = torch.nn.Sequential(ConvLayer(3, 8, kernel_size=3, stride=1), torch.nn.ReLU(),
                                  ConvLayer(8, 3, kernel_size=3, stride=1))
print(transformer)
optimizer = Adam(transformer.parameters(), 1e-3)
mse_loss = torch.nn.MSELoss()
content_weight, style_weight = 1e5, 1e10

vgg = Vgg16(requires_grad=False)
style = torch.rand(1, 3, 16, 16) * 255
style = style.repeat(2, 1, 1, 1)

features_style = vgg(normalize_batch(style))
gram_style = [gram_matrix(y) for y in features_style]
print([tuple(g.shape) for g in gram_style], gram_style[0][0, :2, :2])

for batch_id in range(2):
    x = torch.rand(2, 3, 16, 16) * 255
    n_batch = len(x)
    optimizer.zero_grad()

    y = transformer(x)

    y = normalize_batch(y)
    x = normalize_batch(x)

    features_y = vgg(y)
    features_x = vgg(x)

    content_loss = content_weight * mse_loss(features_y.relu2_2, features_x.relu2_2)

    style_loss = 0.
    for ft_y, gm_s in zip(features_y, gram_style):
        gm_y = gram_matrix(ft_y)
        style_loss += mse_loss(gm_y, gm_s[:n_batch, :, :])
    style_loss *= style_weight

    total_loss = content_loss + style_loss
    total_loss.backward()
    optimizer.step()

    mesg = "batch {}\tcontent: {:.6f}\tstyle: {:.6f}\ttotal: {:.6f}".format(
        batch_id + 1, content_loss.item(), style_loss.item(), total_loss.item())
    print(mesg)
    print(total_loss.grad_fn, style_loss.grad_fn.next_functions[0][0])
print(transformer[0].conv2d.weight.grad.norm(), vgg.slice1[0].weight.grad)
