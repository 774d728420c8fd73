# University of Bremen, David Rotermund's PyTorch tutorial "Replace autograd" (github.com/davrot/
# pytutorial, pytorch/replace_autograd): a FunctionalLinear autograd.Function (save_for_backward,
# @once_differentiable) inside a MyOwnLayer module, checked against nn.Linear with the same
# weights, and the error a second-order gradient meets through once_differentiable.
import math

import torch


class FunctionalLinear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, weight, bias):
        output = (weight.unsqueeze(0) * input.unsqueeze(1)).sum(dim=-1)
        if bias is not None:
            output = output + bias.unsqueeze(0)
        ctx.save_for_backward(input, weight, bias)
        return output

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_bias = None
        grad_weight = (grad_output.unsqueeze(-1) * input.unsqueeze(-2)).sum(dim=0)
        if bias is not None:
            grad_bias = grad_output.detach().clone().sum(dim=0)
        grad_input = (grad_output.unsqueeze(-1) * weight.unsqueeze(0)).sum(dim=1)
        return grad_input, grad_weight, grad_bias


class MyOwnLayer(torch.nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = torch.nn.Parameter(torch.empty((out_features, in_features)))
        if bias:
            self.bias = torch.nn.Parameter(torch.empty(out_features))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()
        self.functional_linear = FunctionalLinear.apply

    def reset_parameters(self):
        torch.nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            torch.nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        return self.functional_linear(input, self.weight, self.bias)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


torch.manual_seed(0)
mine = MyOwnLayer(4, 3)
reference = torch.nn.Linear(4, 3)
reference.load_state_dict(mine.state_dict())
print(mine)
x = torch.randn(5, 4, requires_grad=True)
y_mine = mine(x)
y_ref = reference(x)
print(y_mine.grad_fn.__class__.__name__, y_ref.grad_fn.__class__.__name__)
print(torch.allclose(y_mine, y_ref))
(y_mine ** 2).sum().backward()
grads_mine = [x.grad.clone(), mine.weight.grad, mine.bias.grad]
x.grad = None
(y_ref ** 2).sum().backward()
grads_ref = [x.grad, reference.weight.grad, reference.bias.grad]
for a, b in zip(grads_mine, grads_ref):
    print(torch.allclose(a, b, atol=1e-6), a.shape)
print(grads_mine[1])

# once_differentiable: the gradient has no graph, so a second derivative is refused.
x = torch.randn(2, 4, requires_grad=True)
g = torch.autograd.grad(mine(x).pow(2).sum(), x, create_graph=True)[0]
print(g.requires_grad, g.grad_fn)
try:
    g.sum().backward()
except RuntimeError as e:
    print(e)

no_bias = MyOwnLayer(4, 2, bias=False)
print(no_bias, no_bias.bias)
out = no_bias(x)
out.sum().backward()
print(no_bias.weight.grad)
