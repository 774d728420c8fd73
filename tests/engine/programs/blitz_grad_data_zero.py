# Older tutorials: gradients accumulate; .grad.data.zero_() clears them between backward calls.
import torch

x = torch.ones(2, 2, requires_grad=True)
for i in range(3):
    out = ((x + 2) * (x + 2) * 3).mean()
    out.backward()
    print(i, x.grad)
x.grad.data.zero_()
print(x.grad)
out = (x * x).sum()
out.backward()
print(x.grad)
x.grad.zero_()
print(x.grad)
x.grad = None
print(x.grad)
