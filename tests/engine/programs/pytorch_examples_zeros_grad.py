# Shuai Xie, pytorch-examples (github.com/Shuai-Xie/pytorch-examples, zeros/grad.py): a
# small graph, loss = mean((input * w1 + w2) * (input * w1 * w3)), printing each tensor's .data,
# .grad and .grad_fn before and after backward (w1: 2, w2: 3, w3: 4; the input needs no grad).
import warnings

import torch

input = torch.ones([2, 2], requires_grad=False)
w1 = torch.tensor(2.0, requires_grad=True)
w2 = torch.tensor(3.0, requires_grad=True)
w3 = torch.tensor(4.0, requires_grad=True)

l1 = input * w1
l2 = l1 + w2
l3 = l1 * w3
l4 = l2 * l3
loss = l4.mean()

warnings.simplefilter("ignore")  # (reading a non-leaf's .grad warns)
print(w1.data, w1.grad, w1.grad_fn)
print(l1.data, l1.grad, l1.grad_fn)
print(loss.data, loss.grad, loss.grad_fn)

loss.backward()
print(w1.grad, w2.grad, w3.grad)
print(l1.grad, loss.grad)
print([type(fn).__name__ if fn is not None else None for fn, _ in l1.grad_fn.next_functions])
print(loss.grad_fn.next_functions[0][0].next_functions)

# the same loss again accumulates into the leaves' .grad
loss = ((input * w1 + w2) * (input * w1 * w3)).mean()
loss.backward()
print(w1.grad, w2.grad, w3.grad)
