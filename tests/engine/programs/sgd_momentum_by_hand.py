# SGD with momentum and Nesterov by hand (d2l.ai "Momentum"), matched against torch.optim.SGD.
import torch


def f(x):
    return 0.1 * x[0] ** 2 + 2 * x[1] ** 2


for nesterov in [False, True]:
    x = torch.tensor([-5.0, -2.0], requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.4, momentum=0.5, nesterov=nesterov)
    y = torch.tensor([-5.0, -2.0], requires_grad=True)
    buf = None
    for step in range(6):
        opt.zero_grad()
        f(x).backward()
        opt.step()
        g, = torch.autograd.grad(f(y), y)
        with torch.no_grad():
            buf = g.clone() if buf is None else 0.5 * buf + g
            d = g + 0.5 * buf if nesterov else buf
            y -= 0.4 * d
    print(nesterov, x.detach(), torch.allclose(x, y))
