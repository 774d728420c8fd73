# PyTorch docs, torch.autograd.grad's is_grads_batched ("the first dimension of each tensor in
# grad_outputs will be interpreted as the batch dimension ... compute a batched vjp") and
# torch.autograd.functional.jacobian's vectorize=True, on the docs' exp_reducer and a small
# network: the Jacobian row by row, batched, and vectorized agree; with create_graph the
# batched result can be differentiated again.
import torch
from torch.autograd.functional import hessian, jacobian


def exp_reducer(x):
    return x.exp().sum(dim=1)


torch.manual_seed(0)
inputs = torch.rand(2, 2)
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, vectorize=True))
print(jacobian(exp_reducer, inputs, create_graph=True).grad_fn is not None)

x = torch.randn(3, requires_grad=True)
W = torch.randn(4, 3)
y = torch.tanh(W @ x)
rows = [torch.autograd.grad(y, x, v, retain_graph=True)[0] for v in torch.eye(4)]
J_rows = torch.stack(rows)
(J_batched,) = torch.autograd.grad(y, x, torch.eye(4), is_grads_batched=True, retain_graph=True)
print(J_batched)
print(torch.allclose(J_rows, J_batched), J_batched.shape)
print(torch.allclose(J_batched, jacobian(lambda t: torch.tanh(W @ t), x, vectorize=True)))

(J_graph,) = torch.autograd.grad(y, x, torch.eye(4), is_grads_batched=True, create_graph=True)
print(J_graph.requires_grad)
(second,) = torch.autograd.grad(J_graph.sum(), x)
print(second)


def f(t):
    return (t ** 3).sum() + t[0] * t[1]


print(hessian(f, torch.tensor([1.0, 2.0])))
print(hessian(f, torch.tensor([1.0, 2.0]), vectorize=True))
