# PyTorch forums, "Trouble with torch.autograd.grad" (a learner's two examples): the third
# derivative of y = x^2 at x = 3 through autograd.grad with create_graph=True, and the error of
# the second example, where u = 2z is linear in z so du/dz = 2 has no graph to differentiate;
# requires_grad_ on the result does not connect it to z (the answers' explanation).
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 2
dy_dx = torch.autograd.grad(outputs=(y,), inputs=(x,), create_graph=True)
print(f"dy_dx at x={x.data}:\t\t{dy_dx[0].data}")
d2y_dx2 = torch.autograd.grad(outputs=dy_dx, inputs=(x,), create_graph=True)
print(f"d2y_dx2 at x={x.data}:\t{d2y_dx2[0].data}")
d3y_dx3 = torch.autograd.grad(outputs=d2y_dx2, inputs=(x,))
print(f"d3y_dx3 at x={x.data}:\t{d3y_dx3[0].data}")
print(dy_dx[0].requires_grad, d2y_dx2[0].requires_grad, d3y_dx3[0].requires_grad)
print(dy_dx[0].grad_fn, d2y_dx2[0].grad_fn)

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = torch.tensor([[5.0, 6.0], [7.0, 8.0]], requires_grad=True)
z = x + y
u = 2 * z
grads_1 = torch.autograd.grad(outputs=(u,), inputs=(z,), grad_outputs=(torch.ones(u.size()),),
                              create_graph=True)
print(f"du_dz: {grads_1[0]}")
print(f"Requires grad attribute of du_dz: {grads_1[0].requires_grad}")
for i in range(len(grads_1)):
    grads_1[i].requires_grad_(requires_grad=True)
try:
    grads_2 = torch.autograd.grad(outputs=grads_1, inputs=(z,),
                                  grad_outputs=(torch.ones(u.size()),))
except RuntimeError as e:
    print(e)
grads_2 = torch.autograd.grad(outputs=grads_1, inputs=(z,), grad_outputs=(torch.ones(u.size()),),
                              allow_unused=True)
print(grads_2)
grads_2 = torch.autograd.grad(outputs=grads_1, inputs=(z,), grad_outputs=(torch.ones(u.size()),),
                              allow_unused=True, materialize_grads=True)
print(grads_2)

# With a nonlinear u the second derivative exists: u = z^3.
u = z ** 3
g1 = torch.autograd.grad(u, z, torch.ones_like(u), create_graph=True)[0]
g2 = torch.autograd.grad(g1, z, torch.ones_like(g1))[0]
print(g1, g2, sep="\n")
