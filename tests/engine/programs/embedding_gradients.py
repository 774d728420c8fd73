# A learner's question ("why is the gradient of an embedding row the sum of its uses?"): an
# index used twice gets both gradients; the padding row gets none; F.embedding is the same op.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(4)
emb = nn.Embedding(5, 2, padding_idx=4)
idx = torch.tensor([[0, 1, 1], [4, 2, 0]])
out = emb(idx)
print(out.grad_fn)
(out * torch.tensor([1.0, -2.0])).sum().backward()
print(emb.weight.grad)
w = torch.randn(4, 3, requires_grad=True)
y = F.embedding(torch.tensor([3, 3, 1]), w)
y.pow(2).sum().backward()
print(y)
print(w.grad)
