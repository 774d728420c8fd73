# A learner's check of layer normalisation (as in "Layer Normalization", Ba et al., and the d2l
# Transformer chapter): F.layer_norm against the formula, gradients for input, weight and bias.
import torch
import torch.nn.functional as F

torch.manual_seed(3)
x = torch.randn(3, 5, requires_grad=True)
w = torch.randn(5, requires_grad=True)
b = torch.randn(5, requires_grad=True)
y = F.layer_norm(x, (5,), w, b, eps=1e-5)
mu = x.mean(-1, keepdim=True)
var = x.var(-1, unbiased=False, keepdim=True)
manual = (x - mu) / torch.sqrt(var + 1e-5) * w + b
print(torch.allclose(y, manual, atol=1e-6))
print(y.grad_fn)
(y ** 3).sum().backward()
print(x.grad)
print(w.grad)
print(b.grad)
g, = torch.autograd.grad(F.layer_norm(x, (5,)).pow(2).sum(), x)
print(g.abs().max() < 1e-4)
