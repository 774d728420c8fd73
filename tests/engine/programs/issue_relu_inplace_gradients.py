# pytorch/pytorch issue #1029, "Different gradients for ReLU inplace=True vs inplace=False"
# (github.com/pytorch/pytorch/issues/1029; in the issue the result of the out-of-place call was
# dropped, the "Typo" of its last comment): the same input through F.relu(inplace=True) on a
# clone and F.relu(inplace=False), written without Variable and .cuda(); the gradients agree
# once the result is used, and the in-place version's graph (ReluBackward0 on the clone).
import torch
from torch.nn import functional as F

torch.manual_seed(0)
inp = torch.randn(5, 5)

var = inp.clone().requires_grad_(True)
var2 = var.clone()
F.relu(var2, inplace=True)
print(var2.grad_fn, var2.grad_fn.next_functions[0][0])
loss = var2.sum()
loss.backward()
print(var.grad)

var_copy = inp.clone().requires_grad_(True)
F.relu(var_copy, inplace=False)  # the typo: the result is dropped
loss2 = var_copy.sum()
loss2.backward()
print(var_copy.grad)

var_copy.grad = None
out = F.relu(var_copy, inplace=False)
out.sum().backward()
print(torch.equal(var_copy.grad, var.grad), out.grad_fn)

# In place on the leaf itself is refused; nn.ReLU(inplace=True) after a layer is fine.
try:
    F.relu(var_copy, inplace=True)
except RuntimeError as e:
    print(e)
layer = torch.nn.Sequential(torch.nn.Linear(5, 3), torch.nn.ReLU(inplace=True))
print(layer)
h = layer(inp)
print(h.grad_fn, h._version)
h.sum().backward()
print(layer[0].bias.grad)
