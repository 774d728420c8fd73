# Gradients of a piecewise function built with torch.where and clamp (a numerical-methods
# exercise): linear interpolation in a table, differentiable in the query points.
import torch

xs = torch.tensor([0.0, 1.0, 2.0, 3.0])
ys = torch.tensor([0.0, 1.0, 4.0, 9.0])
q = torch.tensor([0.5, 1.25, 2.9], requires_grad=True)
i = torch.clamp((q.detach()).floor().long(), 0, len(xs) - 2)
x0, x1 = xs[i], xs[i + 1]
y0, y1 = ys[i], ys[i + 1]
t = (q - x0) / (x1 - x0)
interp = y0 + t * (y1 - y0)
print(interp)
interp.sum().backward()
print(q.grad)
r = torch.tensor([-1.0, 0.5, 4.0], requires_grad=True)
f = torch.where(r < 0, torch.zeros_like(r), torch.where(r > 3, 9 + 6 * (r - 3), r ** 2))
f.sum().backward()
print(f, r.grad)
