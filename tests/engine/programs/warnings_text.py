# The UserWarnings PyTorch gives, caught and printed (category and message).
import warnings

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = y.sum()
z.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.grad)
    print(x.grad)
for w in caught:
    print(w.category.__name__, str(w.message).split(" (Triggered")[0])
y.retain_grad()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.grad)
print(len(caught))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    t = torch.tensor(torch.tensor([1.0, 2.0]))
print(t, [w.category.__name__ for w in caught])
for w in caught:
    print(str(w.message))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    a = torch.tensor(2.0, requires_grad=True)
    (a ** 3).backward(create_graph=True)
print(a.grad, [w.category.__name__ for w in caught])
for w in caught:
    print(str(w.message).split(" (Triggered")[0])
