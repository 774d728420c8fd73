# PyTorch docs, nn.GroupNorm (groups of channels, one group = LayerNorm over C,H,W; as many
# groups as channels = InstanceNorm) and the clamped activations ReLU6, Hardtanh, Hardswish.
import torch
from torch import nn

torch.manual_seed(0)
input = torch.randn(2, 6, 3, 3)
m = nn.GroupNorm(3, 6)
out = m(input)
print(out.shape, m)
one = nn.GroupNorm(1, 6, affine=False)(input)
ln = nn.LayerNorm([6, 3, 3], elementwise_affine=False)(input)
print(torch.allclose(one, ln, atol=1e-5))
x = torch.linspace(-8, 8, 9, requires_grad=True)
for act in (nn.ReLU6(), nn.Hardtanh(-2, 2), nn.Hardswish(), nn.SELU(), nn.Mish()):
    y = act(x)
    print(type(act).__name__, y.detach())
y = nn.GLU()(torch.arange(8.0).view(2, 4))
print(y)
nn.ReLU6()(x).sum().backward()
print(x.grad)
