# PyTorch docs, torch.nn.functional.scaled_dot_product_attention: the reference math written
# out by hand agrees with the function, with a causal mask and with a boolean mask.
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
q = torch.randn(2, 3, 4, requires_grad=True)
k = torch.randn(2, 5, 4, requires_grad=True)
v = torch.randn(2, 5, 6, requires_grad=True)
out = F.scaled_dot_product_attention(q, k, v)
manual = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(4), dim=-1) @ v
print(out.shape, torch.allclose(out, manual, atol=1e-6))
out.sum().backward()
print(q.grad.abs().sum(), k.grad.abs().sum(), v.grad.abs().sum())
qs = torch.randn(1, 4, 4)
causal = F.scaled_dot_product_attention(qs, qs, qs, is_causal=True)
print(causal[0, 0], torch.allclose(causal[0, 0], qs[0, 0]))
mask = torch.tensor([[True, True, False, False]] * 4)
print(F.scaled_dot_product_attention(qs, qs, qs, attn_mask=mask)[0, :2])
