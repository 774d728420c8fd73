# PyTorch docs, "Extending torch.autograd": LinearFunction, MulConstant, setup_context style,
# once_differentiable, set_materialize_grads, and gradcheck / gradgradcheck.
import torch
from torch.autograd import Function, gradcheck, gradgradcheck
from torch.autograd.function import once_differentiable


class LinearFunction(Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


class Cube(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * 3 * x ** 2


class TwoOut(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        print("grads are None:", g1 is None, g2 is None)
        return g1 if g1 is not None else g2


linear = LinearFunction.apply
torch.manual_seed(0)
input = (torch.randn(20, 20, dtype=torch.double, requires_grad=True),
         torch.randn(30, 20, dtype=torch.double, requires_grad=True))
test = gradcheck(linear, input, eps=1e-6, atol=1e-4)
print(test)
x = torch.randn(3, 2, requires_grad=True)
w = torch.randn(4, 2, requires_grad=True)
b = torch.randn(4, requires_grad=True)
out = linear(x, w, b)
out.sum().backward()
print(out.grad_fn, x.grad, w.grad, b.grad)
y = MulConstant.apply(x, 5.0)
y.sum().backward()
print(y.grad_fn, x.grad)
c = Cube.apply(torch.tensor([2.0], requires_grad=True))
print(c, c.grad_fn)
t = torch.tensor([1.0, 2.0], requires_grad=True)
p, q = TwoOut.apply(t)
q.sum().backward()
print(t.grad)
d = torch.randn(3, dtype=torch.double, requires_grad=True)
print(gradgradcheck(lambda v: (v ** 3).sum(), (d,)))
print(gradcheck(MulConstant.apply, (d, 2.0)))


class Wrong(Function):
    @staticmethod
    def forward(ctx, v):
        return v * 2

    @staticmethod
    def backward(ctx, g):
        return g * 3


print(gradcheck(Wrong.apply, (d,), raise_exception=False))
try:
    gradcheck(Wrong.apply, (torch.ones(2, dtype=torch.double, requires_grad=True),))
except RuntimeError as e:
    print(type(e).__name__, e)
