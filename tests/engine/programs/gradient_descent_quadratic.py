# Gradient descent on f(x) = (x - 3)^2 with autograd (the first example of many optimisation
# tutorials), with three learning rates: converging, oscillating, diverging.
import torch

for lr in [0.1, 0.9, 1.1]:
    x = torch.tensor(0.0, requires_grad=True)
    path = []
    for step in range(8):
        f = (x - 3) ** 2
        f.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        path.append(round(x.item(), 4))
    print(lr, path)
x = torch.tensor([0.0, 0.0], requires_grad=True)
opt = torch.optim.SGD([x], lr=0.1)
for step in range(50):
    opt.zero_grad()
    loss = (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2
    loss.backward()
    opt.step()
print(x, loss.item())
