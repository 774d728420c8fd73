# Walking the backward graph (forum answers that print grad_fn.next_functions recursively):
# node names, depth-first, for a small expression and a Linear layer.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([0.5, -1.0], requires_grad=True)
y = (x * w).sum().exp() + x.pow(2).mean()


def walk(fn, depth=0):
    if fn is None:
        return
    print('  ' * depth + type(fn).__name__)
    for nxt, _ in fn.next_functions:
        walk(nxt, depth + 1)


walk(y.grad_fn)
lin = torch.nn.Linear(2, 1)
out = torch.relu(lin(x.unsqueeze(0))).sum()
walk(out.grad_fn)
print(y.grad_fn.next_functions[0][0].next_functions[0][0].name())
