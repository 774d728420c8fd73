# Walking the backward graph: grad_fn, next_functions, AccumulateGrad.variable, saved tensors.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)
loss = ((x * w).sum() + b).pow(2)


def walk(fn, depth=0):
    print("  " * depth + fn.name())
    for nxt, index in fn.next_functions:
        if nxt is None:
            print("  " * (depth + 1) + "None", index)
        elif hasattr(nxt, "variable"):
            print("  " * (depth + 1) + nxt.name(), nxt.variable)
        else:
            walk(nxt, depth + 1)


walk(loss.grad_fn)
print(loss.grad_fn._saved_self, loss.grad_fn._saved_exponent)
mul = loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
print(mul.name(), mul._saved_self, mul._saved_other)
e = x.exp()
print(e.grad_fn._saved_result)
s = x.sum()
print(s.grad_fn._saved_self_sym_sizes)
c = x * 2
print(c.grad_fn.next_functions, c.grad_fn._saved_other)
print(x.grad_fn, x.is_leaf, loss.is_leaf, torch.ones(2).is_leaf)
m = torch.matmul(x, w)
print(m.grad_fn, torch.mm(x.view(1, 2), w.view(2, 1)).grad_fn, (x @ w).grad_fn)
print(x.mean().grad_fn, x.relu().grad_fn, x.sigmoid().grad_fn, x.tanh().grad_fn)
print(x[0].grad_fn, x[:1].grad_fn, x.view(2, 1).grad_fn, x.reshape(1, 2).grad_fn, x.t().grad_fn)
print(x.unsqueeze(0).grad_fn, x.unsqueeze(0).squeeze().grad_fn, x.expand(3, 2).grad_fn)
print((x - w).grad_fn, (x / w).grad_fn, (-x).grad_fn, x.abs().grad_fn, x.sqrt().grad_fn)
print(x.log().grad_fn, x.sin().grad_fn, x.cos().grad_fn, x.max().grad_fn, x.norm().grad_fn)
print(torch.cat([x, w]).grad_fn, torch.stack([x, w]).grad_fn, x.clone().grad_fn, x.sum(0).grad_fn)
print(x.to(torch.float64).grad_fn, x.double().grad_fn, (1 - x).grad_fn, (2 / x).grad_fn)
