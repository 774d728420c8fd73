# Optimizers on the Rosenbrock function (a classic comparison in optimization course
# notebooks, and torch.optim's own test function): SGD, momentum, Nesterov, Adam, RMSprop,
# Adagrad, AdamW, from the same start.
import torch


def rosenbrock(xy):
    x, y = xy
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


configs = [
    ('SGD', lambda p: torch.optim.SGD(p, lr=1e-3)),
    ('Momentum', lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9)),
    ('Nesterov', lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9, nesterov=True)),
    ('Adam', lambda p: torch.optim.Adam(p, lr=1e-2)),
    ('AdamW', lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.1)),
    ('RMSprop', lambda p: torch.optim.RMSprop(p, lr=1e-3)),
    ('Adagrad', lambda p: torch.optim.Adagrad(p, lr=1e-1)),
]
for name, make in configs:
    xy = torch.tensor([-1.5, 2.0], requires_grad=True)
    opt = make([xy])
    for step in range(200):
        opt.zero_grad()
        loss = rosenbrock(xy)
        loss.backward()
        opt.step()
    print(f'{name:9s} loss={rosenbrock(xy).item():.6f} xy={xy.detach().numpy().round(4)}')
