# PyTorch docs, "Autograd mechanics" (pytorch.org/docs/stable/notes/autograd.html): how
# requires_grad propagates, grad modes, inference mode, and what is a leaf.
import torch

x = torch.randn(5, 5)
y = torch.randn(5, 5)
z = torch.randn((5, 5), requires_grad=True)
a = x + y
print(a.requires_grad)
b = a + z
print(b.requires_grad)
model = torch.nn.Linear(3, 2)
for param in model.parameters():
    param.requires_grad = False
print([p.requires_grad for p in model.parameters()])
with torch.no_grad():
    c = z * 2
print(c.requires_grad, c.is_leaf)
with torch.inference_mode():
    d = z * 2
print(d.requires_grad, torch.is_inference_mode_enabled())
torch.set_grad_enabled(False)
e = z * 2
torch.set_grad_enabled(True)
print(e.requires_grad, (z * 2).requires_grad)


@torch.no_grad()
def doubler(t):
    return t * 2


print(doubler(z).requires_grad)
w = torch.ones(2, requires_grad=True)
v = w * 3
print(w.is_leaf, v.is_leaf, v.detach().is_leaf, v.grad_fn.name())
print(torch.is_grad_enabled())
with torch.enable_grad():
    print(torch.is_grad_enabled())
