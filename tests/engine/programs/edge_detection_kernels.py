# Classic image kernels with F.conv2d (image-processing course notebooks): Sobel edges, a box
# blur with padding, and stride-2 downsampling on a small synthetic image.
import torch
import torch.nn.functional as F

img = torch.zeros(1, 1, 6, 6)
img[:, :, :, 3:] = 1.0
sobel_x = torch.tensor([[[[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]]])
sobel_y = sobel_x.transpose(2, 3)
print(F.conv2d(img, sobel_x))
print(F.conv2d(img, sobel_y).abs().sum())
blur = torch.full((1, 1, 3, 3), 1 / 9)
print(F.conv2d(img, blur, padding=1))
print(F.conv2d(img, torch.ones(1, 1, 2, 2) / 4, stride=2))
both = torch.cat([sobel_x, sobel_y], dim=0)
print(F.conv2d(img, both).shape)
print(F.max_pool2d(img, 2), F.avg_pool2d(img, 3, stride=3))
