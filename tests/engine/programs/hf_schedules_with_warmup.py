# Hugging Face transformers, src/transformers/optimization.py (github.com/huggingface/
# transformers): get_constant_schedule_with_warmup, get_linear_schedule_with_warmup,
# get_cosine_schedule_with_warmup and get_polynomial_decay_schedule_with_warmup, each a LambdaLR
# over a functools.partial of its lr_lambda, as the library writes them; a few fine-tuning steps
# with AdamW (weight decay on all but biases and LayerNorm) under each, the rates printed.
import math
from functools import partial

import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR


def _get_constant_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0


def get_constant_schedule_with_warmup(optimizer, num_warmup_steps, last_epoch=-1):
    lr_lambda = partial(_get_constant_schedule_with_warmup_lr_lambda,
                        num_warmup_steps=num_warmup_steps)
    return LambdaLR(optimizer, lr_lambda, last_epoch=last_epoch)


def _get_linear_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps,
                                               num_training_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    return max(0.0, float(num_training_steps - current_step)
               / float(max(1, num_training_steps - num_warmup_steps)))


def get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                    last_epoch=-1):
    lr_lambda = partial(_get_linear_schedule_with_warmup_lr_lambda,
                        num_warmup_steps=num_warmup_steps, num_training_steps=num_training_steps)
    return LambdaLR(optimizer, lr_lambda, last_epoch)


def _get_cosine_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps,
                                               num_training_steps, num_cycles):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(
        max(1, num_training_steps - num_warmup_steps))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))


def get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                    num_cycles=0.5, last_epoch=-1):
    lr_lambda = partial(_get_cosine_schedule_with_warmup_lr_lambda,
                        num_warmup_steps=num_warmup_steps, num_training_steps=num_training_steps,
                        num_cycles=num_cycles)
    return LambdaLR(optimizer, lr_lambda, last_epoch)


def _get_polynomial_decay_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps,
                                                         num_training_steps, lr_end, power,
                                                         lr_init):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    elif current_step > num_training_steps:
        return lr_end / lr_init  # as LambdaLR multiplies by lr_init
    else:
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining**power + lr_end
        return decay / lr_init  # as LambdaLR multiplies by lr_init


def get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                              lr_end=1e-7, power=1.0, last_epoch=-1):
    lr_init = optimizer.defaults["lr"]
    if not (lr_init > lr_end):
        raise ValueError(f"lr_end ({lr_end}) must be smaller than initial lr ({lr_init})")
    lr_lambda = partial(_get_polynomial_decay_schedule_with_warmup_lr_lambda,
                        num_warmup_steps=num_warmup_steps, num_training_steps=num_training_steps,
                        lr_end=lr_end, power=power, lr_init=lr_init)
    return LambdaLR(optimizer, lr_lambda, last_epoch)


class TinyClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(6, 8)
        self.LayerNorm = nn.LayerNorm(8)
        self.classifier = nn.Linear(8, 3)

    def forward(self, x):
        return self.classifier(torch.tanh(self.LayerNorm(self.dense(x))))


x = torch.randn(10, 6, generator=torch.Generator().manual_seed(1))
y = torch.arange(10) % 3
schedules = {
    "constant": lambda opt: get_constant_schedule_with_warmup(opt, num_warmup_steps=2),
    "linear": lambda opt: get_linear_schedule_with_warmup(opt, 2, 8),
    "cosine": lambda opt: get_cosine_schedule_with_warmup(opt, 2, 8),
    "cosine_2_cycles": lambda opt: get_cosine_schedule_with_warmup(opt, 1, 8, num_cycles=2),
    "polynomial": lambda opt: get_polynomial_decay_schedule_with_warmup(opt, 2, 6, power=2.0),
}
for name, make in schedules.items():
    torch.manual_seed(0)
    model = TinyClassifier()
    no_decay = ["bias", "LayerNorm.weight"]
    optimizer_grouped_parameters = [
        {"params": [p for n, p in model.named_parameters()
                    if not any(nd in n for nd in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters()
                    if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(optimizer_grouped_parameters, lr=5e-2)
    scheduler = make(optimizer)
    lrs = []
    for step in range(9):
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        lrs.append(round(scheduler.get_last_lr()[0], 6))
    print(name, lrs)
    print("  loss", round(loss.item(), 5), [len(g["params"]) for g in optimizer.param_groups])
print(scheduler.state_dict()["last_epoch"], scheduler.state_dict()["base_lrs"])
try:
    get_polynomial_decay_schedule_with_warmup(optimizer, 1, 4, lr_end=1.0)
except ValueError as e:
    print(e)
