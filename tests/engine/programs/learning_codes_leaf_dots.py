# LucianTu13, PyTorch-learning-codes (github.com/LucianTu13/PyTorch-learning-codes,
# Chapter2_Core_Modules/computational_graphs/leaf_dots.py): y = (w + x) * (w + 1) built with
# torch.add and torch.mul; after backward only the leaves keep .grad (w: 5, x: 2), and the
# non-leaves show their grad_fn: AddBackward0, MulBackward0 (a Python 1 is wrapped, as PyTorch's
# Python functions do).
import warnings

import torch

w = torch.tensor([1.0], requires_grad=True)
x = torch.tensor([2.0], requires_grad=True)

a = torch.add(w, x)
b = torch.add(w, 1)
y = torch.mul(a, b)

y.backward()
print(w.grad)

print("is_leaf:\n", w.is_leaf, x.is_leaf, a.is_leaf, b.is_leaf, y.is_leaf)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("gradient:\n", w.grad, x.grad, a.grad, b.grad, y.grad)
print("warnings about a non-leaf's .grad:", len(caught))
print("grad_fn:\n", w.grad_fn, x.grad_fn, a.grad_fn, b.grad_fn, y.grad_fn)
print([type(fn).__name__ for fn, _ in y.grad_fn.next_functions])
print([(type(fn).__name__ if fn is not None else None) for fn, _ in b.grad_fn.next_functions])

# retain_grad keeps the non-leaf gradients the first run dropped
w.grad = x.grad = None
a = torch.add(w, x)
b = torch.add(w, 1)
a.retain_grad()
b.retain_grad()
y = torch.mul(a, b)
y.backward()
print("retained:", a.grad, b.grad, w.grad, x.grad)
