# PyTorch docs, torch.Tensor.register_post_accumulate_grad_hook (pytorch.org/docs/stable/
# generated/torch.Tensor.register_post_accumulate_grad_hook.html): the documented SGD step done
# by the hook, then the pattern the docs' "optimizer step in backward" tutorial builds on it:
# each parameter updated (and its grad freed) as soon as its gradient is ready.
import torch

v = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
lr = 0.01
h = v.register_post_accumulate_grad_hook(lambda p: p.add_(p.grad, alpha=-lr))
v.backward(torch.tensor([1.0, 2.0, 3.0]))
print(v)
print(v.grad)
h.remove()
v.backward(torch.tensor([1.0, 2.0, 3.0]))
print(v)
print(v.grad)

# The hook sees the accumulated gradient: two uses of w in one backward, one call.
calls = []
w = torch.tensor([1.0, -1.0], requires_grad=True)
w.register_post_accumulate_grad_hook(lambda p: calls.append(p.grad.clone()))
(w * 3 + w * w).sum().backward()
print(calls)

# Non-leaf tensors refuse the hook.
try:
    (w * 2).register_post_accumulate_grad_hook(lambda p: None)
except RuntimeError as e:
    print(e)

# An optimizer step per parameter inside backward.
torch.manual_seed(0)
model = torch.nn.Linear(3, 2)
optimizers = {p: torch.optim.SGD([p], lr=0.1) for p in model.parameters()}


def step_in_backward(p):
    optimizers[p].step()
    optimizers[p].zero_grad()


for p in model.parameters():
    p.register_post_accumulate_grad_hook(step_in_backward)
x = torch.randn(4, 3)
for it in range(3):
    loss = model(x).pow(2).mean()
    loss.backward()
    print(it, round(loss.item(), 6), [p.grad for p in model.parameters()])
print(model.weight)
print(model.bias)
