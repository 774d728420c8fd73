# LR-scheduler pitfalls as a runebook.dev guide lists them (runebook.dev/en/docs/pytorch/
# generated/torch.optim.lr_scheduler.lrscheduler, "Common Pitfalls"): StepLR stepped per epoch
# after optimizer.step(), the warning when scheduler.step() comes first, ReduceLROnPlateau
# needing its metric, and OneCycleLR stepped every batch; the learning rates printed.
import warnings

import torch
from torch import nn, optim
from torch.optim.lr_scheduler import OneCycleLR, ReduceLROnPlateau, StepLR

torch.manual_seed(0)
model = nn.Linear(10, 2)
x, y = torch.randn(8, 10), torch.randn(8, 2)
criterion = nn.MSELoss()

optimizer = optim.SGD(model.parameters(), lr=0.1)
scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
for epoch in range(7):
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    scheduler.step()
    print(epoch, round(loss.item(), 5), scheduler.get_last_lr())

# The wrong order: PyTorch warns once and the first learning rate is skipped.
optimizer = optim.SGD(model.parameters(), lr=0.1)
scheduler = StepLR(optimizer, step_size=1, gamma=0.5)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for epoch in range(2):
        scheduler.step()
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()
        print(epoch, optimizer.param_groups[0]["lr"])
for w in caught:
    print(w.category.__name__, str(w.message))

# ReduceLROnPlateau: stepped with the validation loss; it cuts the rate after `patience` epochs.
optimizer = optim.SGD(model.parameters(), lr=0.1)
scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
for epoch, val_loss in enumerate([1.0, 0.9, 0.95, 0.97, 0.96, 0.5, 0.6, 0.7]):
    scheduler.step(val_loss)
    print(epoch, val_loss, scheduler.get_last_lr(), scheduler.num_bad_epochs)

# OneCycleLR: one step per batch, 2 epochs of 4 batches.
optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=0.1, steps_per_epoch=4, epochs=2)
lrs = []
for epoch in range(2):
    for batch in range(4):
        optimizer.zero_grad()
        criterion(model(x[batch * 2:batch * 2 + 2]), y[batch * 2:batch * 2 + 2]).backward()
        optimizer.step()
        scheduler.step()
        lrs.append(round(scheduler.get_last_lr()[0], 6))
print(lrs)
print(optimizer.param_groups[0]["momentum"])
print(model.weight.sum().item())
