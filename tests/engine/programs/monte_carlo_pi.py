# Monte Carlo estimates with torch random numbers (a probability lecture example): pi from
# points in the unit square, and the mean of e^U against its exact value.
import math

import torch

torch.manual_seed(0)
for n in [100, 10000]:
    pts = torch.rand(n, 2)
    inside = (pts.pow(2).sum(dim=1) <= 1).float().mean()
    print(n, (4 * inside).item())
u = torch.rand(50000)
print(torch.exp(u).mean().item(), math.e - 1)
z = torch.randn(20000)
print(round(z.mean().item(), 3), round(z.std().item(), 3), (z.abs() < 1.96).float().mean().item())
