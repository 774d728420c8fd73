# Reproducibility (PyTorch notes "Reproducibility"): manual_seed makes rand, randn, randint,
# randperm and normal_ repeat; a Generator object keeps its own stream.
import torch

torch.manual_seed(0)
a = (torch.rand(3), torch.randn(2), torch.randint(0, 10, (4,)), torch.randperm(5))
torch.manual_seed(0)
b = (torch.rand(3), torch.randn(2), torch.randint(0, 10, (4,)), torch.randperm(5))
print(a)
print(all(torch.equal(x, y) for x, y in zip(a, b)))
g = torch.Generator().manual_seed(42)
print(torch.rand(2, generator=g), torch.randn(3, generator=g))
print(torch.initial_seed(), g.initial_seed())
torch.manual_seed(1)
t = torch.empty(4).normal_(mean=2.0, std=0.5)
print(t)
print(torch.normal(torch.zeros(3), torch.ones(3)))
