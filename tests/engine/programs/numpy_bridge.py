# The NumPy bridge (60-minute blitz "Tensors", and d2l "Data Manipulation"): from_numpy and
# numpy() share memory, tensor() copies, dtypes carry over, and .item() / tolist().
import numpy as np
import torch

a = torch.ones(5)
b = a.numpy()
a.add_(1)
print(a, b)
n = np.ones(5)
t = torch.from_numpy(n)
np.add(n, 1, out=n)
print(t, n)
c = torch.tensor(n)
n[0] = 100
print(c[0], t[0])
print(torch.from_numpy(np.arange(3)).dtype, torch.tensor(np.float32(2.5)).dtype)
x = torch.tensor([[1.5, 2.5], [3.5, 4.5]])
print(x.tolist(), x[0, 1].item(), type(x.sum().item()))
arr = x.numpy()
print(type(arr), arr.dtype)
w = torch.ones(2, requires_grad=True)
try:
    w.numpy()
except RuntimeError as e:
    print(e)
print(w.detach().numpy())
print(torch.as_tensor([1, 2, 3]), torch.as_tensor(np.array([1.0, 2.0])).dtype)
