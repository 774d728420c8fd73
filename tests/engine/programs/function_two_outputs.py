# A custom autograd.Function with two outputs, and one that marks an output non-differentiable.
import torch


class SinCos(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        x, = ctx.saved_tensors
        return grad_sin * x.cos() - grad_cos * x.sin()


class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, k):
        ctx.save_for_backward(a, b)
        ctx.k = k
        return a * b + k

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        print("needs_input_grad", ctx.needs_input_grad)
        return grad * b, grad * a, None


x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
s, c = SinCos.apply(x)
print(s, c)
print(s.grad_fn is c.grad_fn, type(s.grad_fn).__name__)
(s + 2 * c).sum().backward()
print(x.grad)
x.grad = None
s, c = SinCos.apply(x)
s.sum().backward()
print(x.grad)
a = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(4.0)
out = MulAdd.apply(a, b, 1.5)
print(out)
out.backward()
print(a.grad, b.grad)
