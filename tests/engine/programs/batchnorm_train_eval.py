# PyTorch docs, torch.nn.BatchNorm1d: train mode normalises with the batch, eval mode with the
# running statistics; momentum=None keeps a cumulative average; affine=False has no parameters.
import torch
from torch import nn

torch.manual_seed(1)
m = nn.BatchNorm1d(3)
x = torch.randn(5, 3) * 2 + 0.5
for _ in range(3):
    out = m(x)
print(out.grad_fn)
print(m.running_mean, m.running_var, m.num_batches_tracked)
m.eval()
print(m(x))
c = nn.BatchNorm1d(3, momentum=None)
c(x)
c(x * 2)
print(c.running_mean, c.running_var)
n = nn.BatchNorm1d(3, affine=False)
print(list(n.parameters()), list(n.state_dict().keys()))
seq = torch.randn(2, 3, 4)
print(nn.BatchNorm1d(3)(seq).mean(dim=(0, 2)))
print(m)
