# PyTorch docs, torch.autograd.function.FunctionCtx (pytorch.org/docs/stable/generated/
# torch.autograd.function.FunctionCtx.mark_dirty.html, mark_non_differentiable.html,
# set_materialize_grads.html): the docstring examples run, with what they print or raise.
import torch
from torch.autograd import Function
from torch.autograd.function import once_differentiable


class Inplace(Function):
    @staticmethod
    def forward(ctx, x):
        x_npy = x.numpy()  # x_npy shares storage with x
        x_npy += 1
        ctx.mark_dirty(x)
        return x

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        return grad_output


a = torch.tensor(1., requires_grad=True, dtype=torch.double).clone()
b = a * a
Inplace.apply(a)  # This would lead to wrong gradients!
                  # but the engine would not know unless we mark_dirty
print(a, a._version)
try:
    b.backward()  # RuntimeError: one of the variables needed for gradient
                  # computation has been modified by an inplace operation
except RuntimeError as e:
    print('RuntimeError:', e)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = Inplace.apply(y)
print(z is y, z.grad_fn.name(), z.grad_fn.next_functions)
(z * z).sum().backward()
print(x.grad)

leaf = torch.tensor(2.0, requires_grad=True)
try:
    Inplace.apply(leaf)
except RuntimeError as e:
    print('RuntimeError:', e)


class Func(Function):
    @staticmethod
    def forward(ctx, x):
        sorted, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return sorted, idx

    @staticmethod
    @once_differentiable
    def backward(ctx, g1, g2):  # still need to accept g2
        x, idx = ctx.saved_tensors
        grad_input = torch.zeros_like(x)
        grad_input.index_add_(0, idx, g1)
        return grad_input


x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
s, idx = Func.apply(x)
print(s, idx, idx.requires_grad)
(s * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)


class SimpleFunc(Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone(), x.clone()

    @staticmethod
    @once_differentiable
    def backward(ctx, g1, g2):
        return g1 + g2  # No check for None necessary


# We modify SimpleFunc to handle non-materialized grad outputs
class Func(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        ctx.save_for_backward(x)
        return x.clone(), x.clone()

    @staticmethod
    @once_differentiable
    def backward(ctx, g1, g2):
        print('g1 is None:', g1 is None, '| g2 is None:', g2 is None)
        x, = ctx.saved_tensors
        grad_input = torch.zeros_like(x)
        if g1 is not None:  # We must check for None now
            grad_input += g1
        if g2 is not None:
            grad_input += g2
        return grad_input


a = torch.tensor(1., requires_grad=True)
b, _ = Func.apply(a)  # induces g2 to be undefined
b.backward()
print(a.grad)

a = torch.tensor(1., requires_grad=True)
b, _ = SimpleFunc.apply(a)  # g2 materialised as zeros
(b * 5).backward()
print(a.grad)


class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        # ctx is a context object that can be used to stash information
        # for backward computation
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        # We return as many input gradients as there were arguments.
        # Gradients of non-Tensor arguments to forward must be None.
        return grad_output * ctx.constant, None


x = torch.tensor([1.0, -2.0], requires_grad=True)
y = MulConstant.apply(x, 4.0)
print(y, y.grad_fn.needs_input_grad, y.grad_fn.constant)  # the node is the ctx
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g, g.requires_grad)
