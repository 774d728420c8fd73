# Activation functions and their derivatives (d2l.ai "Multilayer Perceptrons" activation
# section, extended with the other nn activations): values and gradients at a few points.
import torch
from torch import nn

x = torch.arange(-3.0, 3.5, 1.0, requires_grad=True)
for name, f in [('relu', torch.relu), ('sigmoid', torch.sigmoid), ('tanh', torch.tanh),
                ('leaky_relu', nn.LeakyReLU(0.1)), ('elu', nn.ELU()), ('gelu', nn.GELU()),
                ('silu', nn.SiLU()), ('softplus', nn.Softplus()), ('logsigmoid', nn.LogSigmoid())]:
    y = f(x)
    g, = torch.autograd.grad(y.sum(), x)
    print(f'{name:10s}', y.detach(), g)
print(nn.Softmax(dim=0)(torch.tensor([1.0, 2.0, 3.0])))
print(nn.LogSoftmax(dim=0)(torch.tensor([1.0, 2.0, 3.0])))
print(nn.ReLU(), nn.LeakyReLU(0.1), nn.ELU(alpha=0.5), nn.Softplus(beta=2))
