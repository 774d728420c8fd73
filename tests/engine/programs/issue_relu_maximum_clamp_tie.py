# pytorch/pytorch issue #184572, "torch.maximum / torch.clamp_min gradients at tie point ...
# inconsistent with F.relu" (github.com/pytorch/pytorch/issues/184572): the reproducer, which
# records the values PyTorch gives at x = 0 for four ways of writing max(x, 0), and the same
# at a tie between two tensors (each side gets half) and for min / clamp_max.
import torch
import torch.nn.functional as F

formulations = [
    ("F.relu(x)", lambda x: F.relu(x)),
    ("torch.maximum(x, tensor(0))", lambda x: torch.maximum(x, torch.tensor(0.0))),
    ("torch.clamp_min(x, 0)", lambda x: torch.clamp_min(x, 0.0)),
    ("torch.clamp(x, min=0)", lambda x: torch.clamp(x, min=0.0)),
    ("torch.minimum(x, tensor(0))", lambda x: torch.minimum(x, torch.tensor(0.0))),
    ("torch.clamp_max(x, 0)", lambda x: torch.clamp_max(x, 0.0)),
    ("x.clamp(-1, 0)", lambda x: x.clamp(-1.0, 0.0)),
    ("F.relu6(x)", lambda x: F.relu6(x)),
    ("F.hardtanh(x, 0, 1)", lambda x: F.hardtanh(x, 0.0, 1.0)),
]

for name, fn in formulations:
    x = torch.tensor(0.0, requires_grad=True)
    fn(x).backward()
    print(f"{name:<35} grad at x=0: {x.grad.item()}")

# A tie between two tensors that both require grad.
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([1.0, 5.0, 0.0], requires_grad=True)
torch.maximum(a, b).sum().backward()
print(a.grad, b.grad)
a.grad = None
b.grad = None
torch.max(a, b).backward(torch.tensor([10.0, 20.0, 30.0]))
print(a.grad, b.grad)

# The max of a whole tensor with two equal largest values: the gradient is shared.
v = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
v.max().backward()
print(v.grad)
v.grad = None
v.amax().backward()
print(v.grad)
v.grad = None
values, idx = v.max(dim=0)
values.backward()
print(idx, v.grad)
