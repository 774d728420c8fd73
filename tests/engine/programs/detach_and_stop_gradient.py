# Stopping gradients (d2l.ai "Detaching Computation", and target networks in RL code):
# detach(), detach_(), .data, and no_grad give the same values without a gradient path.
import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)
online = torch.nn.Linear(2, 1)
target = torch.nn.Linear(2, 1)
target.load_state_dict(online.state_dict())
for p in target.parameters():
    p.requires_grad_(False)
s = torch.tensor([[1.0, 2.0]])
td = (online(s) - (1.0 + 0.9 * target(s))).pow(2).mean()
td.backward()
print(online.weight.grad is not None, target.weight.grad)
a = torch.ones(2, requires_grad=True)
b = a * 2
b.detach_()
print(b.requires_grad, b.grad_fn)
c = a * 3
print(c.data.requires_grad, c.detach().requires_grad)
