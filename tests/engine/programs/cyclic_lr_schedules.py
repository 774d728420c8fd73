# PyTorch docs, torch.optim.lr_scheduler.CyclicLR, OneCycleLR and CosineAnnealingWarmRestarts
# (pytorch.org/docs/stable/optim.html and their docstrings' examples): schedules stepped after
# every batch, with the momentum (or Adam's beta1) cycled against the rate; the
# super-convergence recipe of Smith & Topin, and SGDR's warm restarts stepped by fractional
# epochs. A small model and data loader stand in for the docs' train_batch(...).
import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
data_loader = DataLoader(TensorDataset(torch.randn(24, 3), torch.randn(24, 1)), batch_size=6,
                         shuffle=True)


def train_batch(optimizer, batch):
    x, y = batch
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def show(step, optimizer, loss):
    group = optimizer.param_groups[0]
    momentum = group["betas"][0] if "betas" in group else group.get("momentum")
    print(step, round(group["lr"], 8), round(momentum, 8), round(loss, 5))


print("CyclicLR, triangular")
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, step_size_up=3)
step = 0
for epoch in range(3):
    for batch in data_loader:
        loss = train_batch(optimizer, batch)
        show(step, optimizer, loss)
        scheduler.step()
        step += 1
print(scheduler.get_last_lr(), scheduler.last_epoch)

print("CyclicLR, triangular2 and exp_range")
for mode in ("triangular2", "exp_range"):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = CyclicLR(optimizer, base_lr=0.001, max_lr=0.01, step_size_up=2,
                         step_size_down=3, mode=mode, gamma=0.9)
    lrs = []
    for _ in range(14):
        lrs.append(round(scheduler.get_last_lr()[0], 8))
        optimizer.step()
        scheduler.step()
    print(mode, lrs)
scheduler = CyclicLR(optimizer, base_lr=0.001, max_lr=0.01, step_size_up=2,
                     scale_fn=lambda x: 0.5 * (1 + torch.sin(torch.tensor(x * 3.14159 / 2)).item()),
                     scale_mode="cycle", cycle_momentum=False)
lrs = []
for _ in range(10):
    lrs.append(round(scheduler.get_last_lr()[0], 8))
    optimizer.step()
    scheduler.step()
print("scale_fn", lrs)

print("OneCycleLR")
optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=0.01, steps_per_epoch=len(data_loader), epochs=4)
print(optimizer.param_groups[0]["initial_lr"], optimizer.param_groups[0]["max_lr"],
      optimizer.param_groups[0]["min_lr"], scheduler.total_steps)
step = 0
for epoch in range(4):
    for batch in data_loader:
        loss = train_batch(optimizer, batch)
        show(step, optimizer, loss)
        scheduler.step()
        step += 1
try:
    scheduler.step()
except ValueError as e:
    print("ValueError:", e)

print("OneCycleLR with Adam, linear annealing, three phases")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = OneCycleLR(optimizer, max_lr=0.05, total_steps=12, anneal_strategy="linear",
                       three_phase=True, pct_start=0.25)
for step in range(12):
    loss = train_batch(optimizer, next(iter(data_loader)))
    show(step, optimizer, loss)
    scheduler.step()

print("CosineAnnealingWarmRestarts")
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=2, T_mult=2, eta_min=0.001)
iters = len(data_loader)
for epoch in range(6):
    for i, batch in enumerate(data_loader):
        loss = train_batch(optimizer, batch)
        scheduler.step(epoch + i / iters)
    print(epoch, round(optimizer.param_groups[0]["lr"], 8), scheduler.T_i, scheduler.T_cur,
          round(loss, 5))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=5)
lrs = []
for epoch in range(12):
    optimizer.step()
    scheduler.step()
    lrs.append(round(scheduler.get_last_lr()[0], 8))
print(lrs)
scheduler.step(26)
scheduler.step()  # scheduler.step(27), instead of scheduler(20)
print(scheduler.last_epoch, scheduler.T_cur, round(scheduler.get_last_lr()[0], 8))
