# A mistake the PyTorch forums answer again and again ("loss does not decrease", "weights are
# not updating", "element 0 of tensors does not require grad"): a custom loss that leaves the
# graph through .item(), .numpy() or torch.tensor(...) and is wrapped back with
# requires_grad=True. The model's gradients stay None; the fix keeps the loss in tensor ops.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
x = torch.randn(8, 3)
y = torch.randn(8, 1)


def broken_loss(pred, target):
    mse = ((pred - target) ** 2).mean()
    return torch.tensor(mse.item(), requires_grad=True)


def broken_numpy_loss(pred, target):
    diff = pred.detach().numpy() - target.numpy()
    return torch.tensor((diff ** 2).mean(), requires_grad=True)


def fixed_loss(pred, target):
    return ((pred - target) ** 2).mean()


for fn in (broken_loss, broken_numpy_loss, fixed_loss):
    model.zero_grad()
    loss = fn(model(x), y)
    print(fn.__name__, loss, loss.is_leaf, loss.grad_fn)
    loss.backward()
    print("  weight.grad:", model.weight.grad, "loss.grad:", loss.grad)

# Without requires_grad=True the wrapped loss cannot even start a backward.
loss = torch.tensor(((model(x) - y) ** 2).mean().item())
try:
    loss.backward()
except RuntimeError as e:
    print(e)

# .numpy() on a tensor in the graph is refused, which is how many of these losses start.
try:
    model(x).numpy()
except RuntimeError as e:
    print(e)

# Training with the broken loss leaves the model where it was.
opt = torch.optim.SGD(model.parameters(), lr=0.1)
w0 = model.weight.detach().clone()
for _ in range(3):
    opt.zero_grad()
    broken_loss(model(x), y).backward()
    opt.step()
print(torch.equal(w0, model.weight.detach()))
for _ in range(3):
    opt.zero_grad()
    loss = fixed_loss(model(x), y)
    loss.backward()
    opt.step()
print(torch.equal(w0, model.weight.detach()), round(loss.item(), 5))
