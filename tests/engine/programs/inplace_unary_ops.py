# In-place methods with a trailing underscore (PyTorch docs: "In-place operations"): they
# return the same tensor, work inside a graph on non-leaves and refuse leaves that need grad.
import torch

t = torch.tensor([0.25, 1.0, 2.5])
for name in ['sin_', 'cos_', 'exp_', 'log1p_', 'sqrt_', 'floor_', 'ceil_', 'round_', 'frac_',
             'reciprocal_', 'square_', 'sigmoid_', 'tanh_', 'abs_', 'neg_', 'sign_']:
    u = t.clone()
    r = getattr(u, name)()
    print(f'{name:12s}', u, r is u)
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = x * 2
y.sin_()
print(y)
y.sum().backward()
print(x.grad)
try:
    x.exp_()
except RuntimeError as e:
    print(e)
with torch.no_grad():
    x.mul_(2).exp_()
print(x)
z = torch.zeros(3)
z.add_(1).mul_(3).sub_(0.5).div_(2)
print(z, z.clamp_(max=1.0))
