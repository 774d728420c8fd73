# Mean squared error three ways (intro course notebook): by hand, F.mse_loss and nn.MSELoss,
# with the gradient by hand 2 (y_hat - y) / n against autograd.
import torch
import torch.nn.functional as F
from torch import nn

y_hat = torch.tensor([2.5, 0.0, 2.0, 8.0], requires_grad=True)
y = torch.tensor([3.0, -0.5, 2.0, 7.0])
manual = ((y_hat - y) ** 2).mean()
print(manual, F.mse_loss(y_hat, y), nn.MSELoss()(y_hat, y))
manual.backward()
print(y_hat.grad, 2 * (y_hat.detach() - y) / 4)
y_hat.grad = None
F.mse_loss(y_hat, y, reduction='sum').backward()
print(y_hat.grad)
print(F.l1_loss(y_hat, y), (y_hat - y).abs().mean())
print(torch.sqrt(F.mse_loss(y_hat, y)))
