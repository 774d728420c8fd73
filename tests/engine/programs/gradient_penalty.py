# A gradient penalty (WGAN-GP, Gulrajani et al. 2017, as in many PyTorch GAN repositories):
# the gradient of a critic's output with respect to its input, with create_graph, through a
# convolutional critic, then backward into the critic's weights.
import torch
from torch import nn

torch.manual_seed(0)
critic = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.LeakyReLU(0.2), nn.AvgPool2d(2),
                       nn.Flatten(), nn.Linear(4 * 4 * 4, 1))
real = torch.randn(3, 1, 8, 8)
fake = torch.randn(3, 1, 8, 8)
alpha = torch.rand(3, 1, 1, 1)
interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
d_interpolates = critic(interpolates)
gradients = torch.autograd.grad(outputs=d_interpolates, inputs=interpolates,
                                grad_outputs=torch.ones_like(d_interpolates),
                                create_graph=True, retain_graph=True)[0]
gradients = gradients.view(gradients.size(0), -1)
gradient_penalty = ((gradients.norm(2, dim=1) - 1) ** 2).mean()
print(gradient_penalty)
gradient_penalty.backward()
print(critic[0].weight.grad.shape, critic[0].weight.grad.abs().sum())
print(critic[4].weight.grad.abs().sum())
