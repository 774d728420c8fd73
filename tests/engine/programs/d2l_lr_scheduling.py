# d2l.ai, "Learning Rate Scheduling" (d2l.ai/chapter_optimization/lr-scheduler.html): the
# book's schedulers (square root, factor, cosine with warm-up) and torch.optim.lr_scheduler's
# MultiStepLR driving SGD on a small network.
import math

import torch
from torch import nn
from torch.optim import lr_scheduler

torch.manual_seed(0)


class SquareRootScheduler:
    def __init__(self, lr=0.1):
        self.lr = lr

    def __call__(self, num_update):
        return self.lr * pow(num_update + 1.0, -0.5)


class FactorScheduler:
    def __init__(self, factor=1, stop_factor_lr=1e-7, base_lr=0.1):
        self.factor = factor
        self.stop_factor_lr = stop_factor_lr
        self.base_lr = base_lr

    def __call__(self, num_update):
        self.base_lr = max(self.stop_factor_lr, self.base_lr * self.factor)
        return self.base_lr


class CosineScheduler:
    def __init__(self, max_update, base_lr=0.01, final_lr=0,
                 warmup_steps=0, warmup_begin_lr=0):
        self.base_lr_orig = base_lr
        self.max_update = max_update
        self.final_lr = final_lr
        self.warmup_steps = warmup_steps
        self.warmup_begin_lr = warmup_begin_lr
        self.max_steps = self.max_update - self.warmup_steps

    def get_warmup_lr(self, epoch):
        increase = (self.base_lr_orig - self.warmup_begin_lr) \
            * float(epoch) / float(self.warmup_steps)
        return self.warmup_begin_lr + increase

    def __call__(self, epoch):
        if epoch < self.warmup_steps:
            return self.get_warmup_lr(epoch)
        if epoch <= self.max_update:
            self.base_lr = self.final_lr + (
                self.base_lr_orig - self.final_lr) * (1 + math.cos(
                    math.pi * (epoch - self.warmup_steps) / self.max_steps)) / 2
        return self.base_lr


scheduler = SquareRootScheduler(lr=0.1)
print([round(scheduler(t), 5) for t in range(6)])
scheduler = FactorScheduler(factor=0.9, stop_factor_lr=1e-2, base_lr=2.0)
print([round(scheduler(t), 5) for t in range(6)])
scheduler = CosineScheduler(max_update=20, base_lr=0.3, final_lr=0.01)
print([round(scheduler(t), 5) for t in range(0, 25, 4)])
scheduler = CosineScheduler(20, warmup_steps=5, base_lr=0.3, final_lr=0.01)
print([round(scheduler(t), 5) for t in range(0, 25, 4)])


def net_fn():
    model = nn.Sequential(
        nn.Linear(8, 16), nn.ReLU(),
        nn.Linear(16, 16), nn.ReLU(),
        nn.Linear(16, 3))
    return model


X = torch.randn(32, 8)
y = torch.randint(0, 3, (32,))
loss = nn.CrossEntropyLoss()


def train(net, trainer, num_epochs, scheduler=None):
    for epoch in range(num_epochs):
        for i in range(0, 32, 8):
            trainer.zero_grad()
            l = loss(net(X[i:i + 8]), y[i:i + 8])
            l.backward()
            trainer.step()
        if scheduler:
            if scheduler.__module__ == lr_scheduler.__name__:
                # Using PyTorch In-Built scheduler
                scheduler.step()
            else:
                # Using custom defined scheduler
                for param_group in trainer.param_groups:
                    param_group['lr'] = scheduler(epoch)
        acc = (net(X).argmax(dim=1) == y).float().mean().item()
        print(f'epoch {epoch + 1}: loss {loss(net(X), y).item():.4f}, acc {acc:.3f}, '
              f'lr {trainer.param_groups[0]["lr"]:.4f}')


lr, num_epochs = 0.3, 4
net = net_fn()
trainer = torch.optim.SGD(net.parameters(), lr=lr)
train(net, trainer, num_epochs)

net = net_fn()
trainer = torch.optim.SGD(net.parameters(), lr)
train(net, trainer, num_epochs, scheduler=SquareRootScheduler(lr=0.1))

net = net_fn()
trainer = torch.optim.SGD(net.parameters(), lr=0.5)
scheduler = lr_scheduler.MultiStepLR(trainer, milestones=[2, 3], gamma=0.5)


def get_lr(trainer, scheduler):
    lr = scheduler.get_last_lr()[0]
    trainer.step()
    scheduler.step()
    return lr


print([get_lr(trainer, scheduler) for t in range(6)])
trainer = torch.optim.SGD(net.parameters(), lr=0.5)
scheduler = lr_scheduler.MultiStepLR(trainer, milestones=[2, 3], gamma=0.5)
train(net, trainer, num_epochs, scheduler)
