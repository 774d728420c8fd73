# Learning-rate schedulers (PyTorch docs for torch.optim.lr_scheduler): the rate per epoch
# for StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR and LambdaLR.
import torch

model = torch.nn.Linear(2, 1)
for name, make in [
    ('StepLR', lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    ('MultiStepLR',
     lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.1)),
    ('ExponentialLR', lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ('CosineAnnealingLR', lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8)),
    ('LambdaLR', lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 0.95 ** e)),
]:
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = make(optimizer)
    rates = []
    for epoch in range(8):
        optimizer.step()
        rates.append(round(optimizer.param_groups[0]['lr'], 6))
        scheduler.step()
    print(name, rates, round(scheduler.get_last_lr()[0], 6))
