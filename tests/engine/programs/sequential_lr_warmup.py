# PyTorch docs, torch.optim.lr_scheduler.SequentialLR (pytorch.org/docs/stable/generated/
# torch.optim.lr_scheduler.SequentialLR.html): ConstantLR for 20 epochs, then ExponentialLR;
# and the warm-up patterns found in training code on GitHub that build on it, e.g.
# piotrhm/master-thesis (src/utils/optimization.py, get_constant_with_exponential_lr) and a
# LinearLR warm-up followed by cosine annealing; the rates each epoch, get_last_lr and the
# scheduler's state_dict, with a tiny model trained in between.
# ruff: noqa: B006 - the source's own style
import torch
from torch import nn
from torch.optim.lr_scheduler import (
    ConstantLR,
    CosineAnnealingLR,
    ExponentialLR,
    LinearLR,
    MultiStepLR,
    SequentialLR,
)

torch.manual_seed(0)
model = nn.Linear(2, 1)
X, y = torch.randn(8, 2), torch.randn(8, 1)


def train(optimizer):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    optimizer.step()
    return loss.item()


# The docstring's example: lr = 0.005 for epochs 0..19, then 0.05, 0.045, 0.0405, ...
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler1 = ConstantLR(optimizer, factor=0.1, total_iters=20)
scheduler2 = ExponentialLR(optimizer, gamma=0.9)
scheduler = SequentialLR(optimizer, schedulers=[scheduler1, scheduler2], milestones=[20])
for epoch in range(25):
    loss = train(optimizer)
    print(epoch, round(optimizer.param_groups[0]["lr"], 8), scheduler.get_last_lr(),
          round(loss, 5))
    scheduler.step()
print(scheduler1.last_epoch, scheduler2.last_epoch, scheduler.last_epoch)
print(sorted(scheduler.state_dict()))


def get_constant_with_exponential_lr(optimizer, factor=0.1, total_iters_first=5, gamma=0.9,
                                     milestones=[2]):
    scheduler1 = ConstantLR(optimizer, factor=factor, total_iters=total_iters_first)
    scheduler2 = ExponentialLR(optimizer, gamma=gamma)
    return SequentialLR(optimizer, schedulers=[scheduler1, scheduler2], milestones=milestones)


optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
scheduler = get_constant_with_exponential_lr(optimizer)
lrs = []
for epoch in range(8):
    train(optimizer)
    lrs.append(scheduler.get_last_lr()[0])
    scheduler.step()
print([round(lr, 8) for lr in lrs])

# Linear warm-up, then cosine annealing (a common fine-tuning schedule)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
warmup = LinearLR(optimizer, start_factor=0.01, end_factor=1.0, total_iters=5)
cosine = CosineAnnealingLR(optimizer, T_max=10, eta_min=0.001)
scheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[5])
for epoch in range(16):
    train(optimizer)
    print(epoch, [round(lr, 8) for lr in scheduler.get_last_lr()])
    scheduler.step()

# Three phases, two milestones, and two parameter groups
optimizer = torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias], "lr": 0.5}],
                            lr=0.2)
scheduler = SequentialLR(optimizer, [ConstantLR(optimizer, factor=0.5, total_iters=3),
                                     MultiStepLR(optimizer, milestones=[2, 4], gamma=0.5),
                                     ExponentialLR(optimizer, gamma=0.8)], milestones=[3, 8])
for epoch in range(12):
    train(optimizer)
    print(epoch, [round(lr, 8) for lr in scheduler.get_last_lr()])
    scheduler.step()

# What SequentialLR refuses
try:
    SequentialLR(optimizer, [ConstantLR(optimizer)], milestones=[3])
except ValueError as e:
    print("ValueError:", e)
try:
    SequentialLR(optimizer, [], milestones=[])
except ValueError as e:
    print("ValueError:", e)
other = torch.optim.SGD(model.parameters(), lr=0.1)
try:
    SequentialLR(optimizer, [ConstantLR(optimizer), ConstantLR(other)], milestones=[3])
except ValueError as e:
    print("ValueError:", str(e).split(" has ")[0])
