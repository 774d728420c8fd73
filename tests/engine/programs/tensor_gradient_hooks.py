# Tensor hooks (PyTorch docs for Tensor.register_hook, and "Autograd mechanics: backward
# hooks"): a hook that changes the gradient in place changes what flows on; hooks on leaves
# and non-leaves; removing a hook.
import torch

a = torch.tensor(1.0, requires_grad=True)
c = a * 1
d = a * 2
d.register_hook(lambda g: g.mul_(100))
(c + d).backward()
print(a.grad)
v = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)
v.backward(torch.tensor([1.0, 2.0, 3.0]))
print(v.grad)
h.remove()
v.grad = None
v.backward(torch.tensor([1.0, 2.0, 3.0]))
print(v.grad)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x ** 2
seen = []
y.register_hook(lambda g: seen.append(g.clone()))
y.retain_grad()
z = y.sum() * 3
z.backward()
print(seen, y.grad, x.grad)
w = torch.ones(3, requires_grad=True)
w.register_hook(lambda g: g.clamp(max=0.5))
(w * torch.tensor([0.1, 1.0, 2.0])).sum().backward()
print(w.grad)
