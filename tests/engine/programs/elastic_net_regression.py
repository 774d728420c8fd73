# Elastic-net regression with autograd (statistics course notebook): L1 and L2 penalties on a
# linear model fitted with SGD; coefficients shrink towards zero as the penalty grows.
import torch

torch.manual_seed(0)
X = torch.randn(50, 5)
true = torch.tensor([3.0, 0.0, -2.0, 0.0, 0.5])
y = X @ true + 0.1 * torch.randn(50)
for alpha in [0.0, 0.1, 1.0]:
    w = torch.zeros(5, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.05)
    for step in range(300):
        loss = ((X @ w - y) ** 2).mean() + alpha * (0.5 * w.abs().sum() + 0.25 * (w ** 2).sum())
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(alpha, w.detach().numpy().round(2), round(loss.item(), 4))
