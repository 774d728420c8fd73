# A learner's comparison of normalisation layers (blog posts on LayerNorm vs RMSNorm): the two
# written side by side, LayerNorm's affine parameters learning in a short loop.
import torch
from torch import nn

torch.manual_seed(0)


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


x = torch.randn(4, 6) * 3 + 2
ln, rms = nn.LayerNorm(6), RMSNorm(6)
print(ln(x)[0], rms(x)[0])
target = torch.randn(4, 6)
opt = torch.optim.SGD(list(ln.parameters()) + list(rms.parameters()), lr=0.1)
for step in range(10):
    loss = ((ln(x) - target) ** 2).mean() + ((rms(x) - target) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(round(loss.item(), 5))
print(ln.weight, ln.bias)
