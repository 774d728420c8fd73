# A learner's attention layer written with einsum (as in many Transformer blog posts): scores
# 'bqd,bkd->bqk', softmax, weighted values 'bqk,bkd->bqd', and the gradients of q, k, v.
import torch

torch.manual_seed(0)
q = torch.randn(2, 3, 4, requires_grad=True)
k = torch.randn(2, 5, 4, requires_grad=True)
v = torch.randn(2, 5, 4, requires_grad=True)
scores = torch.einsum('bqd,bkd->bqk', q, k) / 2.0
print(scores.grad_fn, scores.shape)
attn = scores.softmax(dim=-1)
out = torch.einsum('bqk,bkd->bqd', attn, v)
print(torch.allclose(out, attn @ v, atol=1e-6))
out.pow(2).sum().backward()
print(q.grad.sum(), k.grad.sum(), v.grad.sum())
print(q.grad[0, 0])
heads = torch.einsum('bhqd,bhkd->bhqk', q.view(2, 3, 2, 2).transpose(1, 2),
                     k.view(2, 5, 2, 2).transpose(1, 2))
print(heads.shape)
