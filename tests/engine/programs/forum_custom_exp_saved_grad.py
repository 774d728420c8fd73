# PyTorch forums, "Save the gradient of the intermediate tensor"
# (discuss.pytorch.org/t/save-the-gradient-of-the-intermediate-tensor/190094): a custom Exp
# Function whose backward keeps a detached copy of grad_output in a list; the list, the
# gradient, and the same thing done with a tensor hook (the forum's usual answer).
import torch

a = []


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = torch.exp(i)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        a.append(grad_output.detach())
        return grad_output * result


x = torch.tensor([3.0, 4.0], requires_grad=True)
y = Exp.apply(x)
print(y)
print(y.grad_fn.__class__.__name__, y.grad_fn.next_functions)
y.sum().backward()
print(a)
print(x.grad)

# A second backward through a weighted sum: the list grows, x.grad accumulates.
x2 = torch.tensor([0.0, 1.0], requires_grad=True)
z = (Exp.apply(x2) * torch.tensor([2.0, -1.0])).sum()
z.backward()
print(a[-1])
print(x2.grad)

# The same intermediate gradient with register_hook on an ordinary exp.
saved = []
x3 = torch.tensor([3.0, 4.0], requires_grad=True)
y3 = torch.exp(x3)
y3.register_hook(lambda g: saved.append(g.clone()))
(y3 * y3).sum().backward()
print(saved)
print(x3.grad)
print(torch.allclose(x3.grad, 2 * y3.detach() ** 2))
