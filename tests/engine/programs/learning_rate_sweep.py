# A learning-rate sweep over torch.logspace (the "LR range test" idea from fast.ai courses),
# fitting y = 3x + 1 with plain gradient descent for each rate.
import torch

torch.manual_seed(0)
X = torch.linspace(-1, 1, 50).unsqueeze(1)
y = 3 * X + 1 + 0.1 * torch.randn(50, 1)
rates = torch.logspace(-3, 0, steps=4)
print(rates)
for lr in rates:
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for step in range(50):
        loss = ((X * w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
    print(f'lr={lr.item():.4f} loss={loss.item():.5f} w={w.item():.4f} b={b.item():.4f}')
print(torch.logspace(0, 3, 4, base=2))
