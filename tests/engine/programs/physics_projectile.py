# Differentiating through a simulation (a "differentiable physics" classroom demo): the launch
# angle that hits a target, found by gradient descent through explicit Euler steps.
import math

import torch

g = 9.81
target = 40.0
angle = torch.tensor(0.3, requires_grad=True)
speed = 22.0
opt = torch.optim.SGD([angle], lr=1e-4)
for it in range(30):
    vx = speed * torch.cos(angle)
    vy = speed * torch.sin(angle)
    x = torch.tensor(0.0)
    y = torch.tensor(0.0)
    dt = 0.01
    for _ in range(400):
        x = x + vx * dt
        y = y + vy * dt
        vy = vy - g * dt
        if y.item() < 0:
            break
    loss = (x - target) ** 2
    opt.zero_grad()
    loss.backward()
    opt.step()
    if it % 10 == 0:
        print(it, round(x.item(), 3), round(angle.item(), 5))
print(round(math.degrees(angle.item()), 3))
