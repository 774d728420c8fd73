# Gradient accumulation over micro-batches (a common forum/blog recipe): the accumulated
# gradient of four quarter-batches equals the full batch's.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
X = torch.randn(8, 3)
y = torch.randn(8, 1)
loss_fn = nn.MSELoss()
model.zero_grad()
loss_fn(model(X), y).backward()
full = model.weight.grad.clone()
model.zero_grad()
accumulation_steps = 4
for i, (xb, yb) in enumerate(zip(X.chunk(4), y.chunk(4))):
    loss = loss_fn(model(xb), yb) / accumulation_steps
    loss.backward()
    print(i, model.weight.grad)
print(torch.allclose(full, model.weight.grad, atol=1e-6))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step, (xb, yb) in enumerate(zip(X.chunk(4), y.chunk(4))):
    (loss_fn(model(xb), yb) / 2).backward()
    if (step + 1) % 2 == 0:
        opt.step()
        opt.zero_grad()
        print('step', model.weight.data, model.bias.data)
