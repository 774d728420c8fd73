# PyTorch docs, torch.meshgrid: 'ij' and 'xy' indexing, the grids as a function's domain (the
# docs' surface example) and a gradient through the expanded grid.
import torch

x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])
grid_x, grid_y = torch.meshgrid(x, y, indexing='ij')
print(grid_x)
print(grid_y)
print(torch.equal(torch.cat(tuple(torch.dstack([grid_x, grid_y]))),
                  torch.cartesian_prod(x, y)) if hasattr(torch, 'cartesian_prod') else True)
xs = torch.linspace(-5, 5, steps=5)
ys = torch.linspace(-5, 5, steps=5)
x, y = torch.meshgrid(xs, ys, indexing='xy')
z = torch.sin(torch.sqrt(x * x + y * y))
print(z)
a = torch.tensor([0.5, 1.5], requires_grad=True)
b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
ga, gb = torch.meshgrid(a, b, indexing='ij')
(ga * gb).sum().backward()
print(ga.grad_fn, a.grad, b.grad)
