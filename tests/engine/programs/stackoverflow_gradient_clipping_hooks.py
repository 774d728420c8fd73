# Stack Overflow, "How to do gradient clipping in pytorch?" (stackoverflow.com/q/54716377) and
# its answers: clip_grad_norm_ and clip_grad_value_ after backward, and the answer that clips
# during backward with a hook on every parameter, `p.register_hook(lambda grad:
# torch.clamp(grad, -clip_value, clip_value))`; where the three differ (the hook clips each
# contribution before accumulation, and what reaches earlier layers is unchanged).
import torch
from torch import nn


def make_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))


torch.manual_seed(42)
x = torch.randn(16, 4) * 3
y = torch.randn(16, 2) * 5
clip_value = 0.5

model = make_model()
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
print([round(p.grad.abs().max().item(), 4) for p in model.parameters()])
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total, [round(p.grad.norm().item(), 4) for p in model.parameters()])
print(torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in model.parameters()])))

model = make_model()
nn.functional.mse_loss(model(x), y).backward()
nn.utils.clip_grad_value_(model.parameters(), clip_value)
by_value = [p.grad.clone() for p in model.parameters()]
print(by_value[2])

model = make_model()
for p in model.parameters():
    p.register_hook(lambda grad: torch.clamp(grad, -clip_value, clip_value))
nn.functional.mse_loss(model(x), y).backward()
by_hook = [p.grad for p in model.parameters()]
print(by_hook[2])
print([torch.equal(a, b) for a, b in zip(by_value, by_hook)])

# Two backward passes: the hook clips each pass's gradient, so the sum can exceed the clip.
nn.functional.mse_loss(model(x), y).backward()
print(model[2].bias.grad, model[2].bias.grad.abs().max() <= clip_value)

# A hook on an activation clips what flows on to earlier layers, which parameter hooks do not.
model = make_model()
h = model[0](x)
h.register_hook(lambda grad: grad.clamp(-0.01, 0.01))
nn.functional.mse_loss(model[2](model[1](h)), y).backward()
print(model[0].weight.grad.abs().max(), model[2].weight.grad.abs().max())
