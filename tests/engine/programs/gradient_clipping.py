# Gradient clipping (PyTorch docs for torch.nn.utils.clip_grad_norm_ / clip_grad_value_, and
# the RNN tutorials that call them): the total norm returned and the clipped gradients.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
x = torch.randn(16, 4) * 10
y = torch.randn(16, 1)
loss = ((model(x) - y) ** 2).sum()
loss.backward()
norms = [p.grad.norm().item() for p in model.parameters()]
print([round(n, 4) for n in norms])
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(round(torch.sqrt(sum(p.grad.norm() ** 2 for p in model.parameters())).item(), 4))
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.05)
print(model[0].weight.grad)
w = torch.tensor([3.0, 4.0], requires_grad=True)
(w * w).sum().backward()
print(nn.utils.clip_grad_norm_([w], 5.0), w.grad)
