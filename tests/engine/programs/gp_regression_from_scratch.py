"""Gaussian process regression from scratch, as blog tutorials write it (the GPyTorch-free
"GP in 50 lines" kind): an RBF kernel, the negative log marginal likelihood through a Cholesky
factor, its hyperparameters fitted with Adam, then the posterior mean. Also the logdet and
slogdet forms of the same likelihood, and PCA of the data's covariance through eigh."""
import math

import torch

torch.manual_seed(0)
X = torch.linspace(0, 5, 12, dtype=torch.float64).unsqueeze(1)
y = torch.sin(X).squeeze(1) + 0.1 * torch.randn(12, dtype=torch.float64)

log_lengthscale = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
log_signal = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
log_noise = torch.tensor(-2.0, dtype=torch.float64, requires_grad=True)


def rbf(a, b):
    sq = (a - b.T) ** 2
    return torch.exp(2 * log_signal) * torch.exp(-0.5 * sq / torch.exp(2 * log_lengthscale))


def nll():
    K = rbf(X, X) + torch.exp(2 * log_noise) * torch.eye(12, dtype=torch.float64)
    L = torch.linalg.cholesky(K)
    alpha = torch.cholesky_solve(y.unsqueeze(1), L)
    return 0.5 * (y.unsqueeze(0) @ alpha).squeeze() + L.diagonal().log().sum() \
        + 6 * math.log(2 * math.pi), K


opt = torch.optim.Adam([log_lengthscale, log_signal, log_noise], lr=0.05)
for step in range(60):
    opt.zero_grad()
    loss, K = nll()
    loss.backward()
    opt.step()
    if step % 15 == 0:
        print(f"step {step:2d}  nll {loss.item():.5f}  grads",
              [round(p.grad.item(), 5) for p in (log_lengthscale, log_signal, log_noise)])

loss, K = nll()
print("fitted lengthscale", torch.exp(log_lengthscale).item())
print("logdet", torch.logdet(K).item(), "slogdet", torch.linalg.slogdet(K))
print("det grad fn", torch.det(K).grad_fn)
L = torch.linalg.cholesky(K)
print("half logdet from the factor", L.diagonal().log().sum().item())

with torch.no_grad():
    Xs = torch.tensor([[0.5], [2.5], [4.5]], dtype=torch.float64)
    mean = rbf(Xs, X) @ torch.linalg.solve(K, y)
    print("posterior mean", mean)

# PCA of 2-D points through the covariance's eigen-decomposition
points = torch.randn(50, 2, dtype=torch.float64) @ torch.tensor([[2.0, 0.0], [1.2, 0.5]],
                                                               dtype=torch.float64)
points.requires_grad_()
centered = points - points.mean(0)
cov = centered.T @ centered / 49
values, vectors = torch.linalg.eigh(cov)
print("explained variance ratio", (values / values.sum()).flip(0))
values[-1].backward()
print("top eigenvalue's gradient, first rows", points.grad[:3])
print(torch.linalg.matrix_power(cov.detach(), 3))
print(torch.linalg.matrix_norm(cov.detach()), torch.linalg.norm(cov.detach(), "nuc"))
