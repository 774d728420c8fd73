# PyTorch docs, torch.optim "How to adjust learning rate" and the examples in the docstrings of
# torch.optim.lr_scheduler.ConstantLR, LinearLR, PolynomialLR, ChainedScheduler and
# ReduceLROnPlateau (pytorch.org/docs/stable/optim.html): the rate each epoch, with a tiny
# model trained in between as the docs' "train(...); validate(...)" placeholders.
import torch
from torch import nn
from torch.optim.lr_scheduler import (
    ChainedScheduler,
    ConstantLR,
    ExponentialLR,
    LinearLR,
    MultiStepLR,
    PolynomialLR,
    ReduceLROnPlateau,
)

torch.manual_seed(0)
model = nn.Linear(3, 1)
X, y = torch.randn(16, 3), torch.randn(16, 1)


def train(optimizer):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def rates(make, epochs=7, lr=0.05):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    scheduler = make(optimizer)
    seen = []
    for epoch in range(epochs):
        seen.append(round(optimizer.param_groups[0]['lr'], 8))
        train(optimizer)
        scheduler.step()
    print(type(scheduler).__name__, seen, scheduler.get_last_lr())


# Assuming optimizer uses lr = 0.05 for all groups
# lr = 0.025   if epoch == 0
# lr = 0.025   if epoch == 1
# lr = 0.025   if epoch == 2
# lr = 0.025   if epoch == 3
# lr = 0.05    if epoch >= 4
rates(lambda opt: ConstantLR(opt, factor=0.5, total_iters=4))

# lr = 0.025    if epoch == 0
# lr = 0.03125  if epoch == 1
# lr = 0.0375   if epoch == 2
# lr = 0.04375  if epoch == 3
# lr = 0.05    if epoch >= 4
rates(lambda opt: LinearLR(opt, start_factor=0.5, total_iters=4))
rates(lambda opt: LinearLR(opt, start_factor=1.0, end_factor=0.1, total_iters=5))

# Assuming optimizer uses lr = 0.001 for all groups
# lr = 0.001     if epoch == 0
# lr = 0.00075   if epoch == 1
# lr = 0.00050   if epoch == 2
# lr = 0.00025   if epoch == 3
# lr = 0.0       if epoch >= 4
rates(lambda opt: PolynomialLR(opt, total_iters=4, power=1.0), lr=0.001)
rates(lambda opt: PolynomialLR(opt, total_iters=5, power=2.0), lr=0.1)

# Assuming optimizer uses lr = 1. for all groups
# lr = 0.09     if epoch == 0
# lr = 0.081    if epoch == 1
# lr = 0.729    if epoch == 2
# lr = 0.6561   if epoch == 3
# lr = 0.59049  if epoch >= 4
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
scheduler1 = ConstantLR(optimizer, factor=0.1, total_iters=2)
scheduler2 = ExponentialLR(optimizer, gamma=0.9)
scheduler = ChainedScheduler([scheduler1, scheduler2], optimizer=optimizer)
seen = []
for epoch in range(6):
    seen.append(round(optimizer.param_groups[0]['lr'], 8))
    scheduler.step()
print('ChainedScheduler', seen, [round(v, 8) for v in scheduler.get_last_lr()])

# How to adjust learning rate: schedulers called one after the other.
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler1 = ExponentialLR(optimizer, gamma=0.9)
scheduler2 = MultiStepLR(optimizer, milestones=[3, 5], gamma=0.1)
for epoch in range(6):
    train(optimizer)
    scheduler1.step()
    scheduler2.step()
    print(epoch, f"{optimizer.param_groups[0]['lr']:.6e}")

optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = ReduceLROnPlateau(optimizer, 'min', patience=2, factor=0.5)
val_losses = [1.0, 0.9, 0.95, 0.93, 0.92, 0.91, 0.89, 0.9, 0.9, 0.9, 0.9, 0.88]
for epoch, val_loss in enumerate(val_losses):
    train(optimizer)
    # Note that step should be called after validate()
    scheduler.step(val_loss)
    print(epoch, val_loss, optimizer.param_groups[0]['lr'], scheduler.num_bad_epochs,
          scheduler.best)

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = ReduceLROnPlateau(optimizer, 'max', patience=0, cooldown=1, min_lr=0.02,
                              threshold=0.1, threshold_mode='abs')
for epoch, accuracy in enumerate([0.5, 0.55, 0.7, 0.71, 0.72, 0.9, 0.9, 0.9, 0.9]):
    scheduler.step(torch.tensor(accuracy))
    print(epoch, accuracy, round(optimizer.param_groups[0]['lr'], 8), scheduler.in_cooldown)
try:
    ReduceLROnPlateau(optimizer, factor=1.5)
except ValueError as e:
    print('ValueError:', e)
print(model.weight)
