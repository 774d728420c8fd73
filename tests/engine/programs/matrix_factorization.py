# Matrix factorisation for recommendations (collaborative-filtering course notebooks): user and
# item factors learned with Adam on the observed entries only.
import torch

torch.manual_seed(0)
R = torch.tensor([[5.0, 3.0, 0.0, 1.0], [4.0, 0.0, 0.0, 1.0], [1.0, 1.0, 0.0, 5.0],
                  [1.0, 0.0, 0.0, 4.0], [0.0, 1.0, 5.0, 4.0]])
mask = R > 0
k = 2
U = torch.randn(R.shape[0], k, requires_grad=True)
V = torch.randn(R.shape[1], k, requires_grad=True)
opt = torch.optim.Adam([U, V], lr=0.05)
for step in range(300):
    pred = U @ V.t()
    loss = ((pred - R)[mask] ** 2).mean() + 0.01 * (U.pow(2).sum() + V.pow(2).sum())
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(step, round(loss.item(), 4))
print((U @ V.t()).detach().round(decimals=1))
print(mask.sum().item(), round(loss.item(), 4))
