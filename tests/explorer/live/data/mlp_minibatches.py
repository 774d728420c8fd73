# An MLP trained on mini-batches: one step's loss sums twelve batches' losses (157 cards).
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(96, 3)
Y = (X ** 2).sum(1, keepdim=True)
model = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(),
                      nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(2):
    opt.zero_grad()
    total = 0
    for i in range(0, 96, 8):
        xb, yb = X[i:i + 8], Y[i:i + 8]
        pred = model(xb)
        total = total + nn.functional.mse_loss(pred, yb)
    loss = total / 12
    loss.backward()
    opt.step()
# ruff: noqa: PLR0402 - written as tutorials write it
