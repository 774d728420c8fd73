# A training loop with a validation split and early stopping (the pattern in many course
# notebooks): best validation loss kept with a state_dict copy, patience counter.
import copy

import torch
from torch import nn

torch.manual_seed(0)
X = torch.linspace(-1, 1, 80).unsqueeze(1)
y = 0.5 * X ** 3 - X + 0.05 * torch.randn(80, 1)
perm = torch.randperm(80)
train_idx, val_idx = perm[:60], perm[60:]
model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.02)
best, best_state, patience, bad = float('inf'), None, 5, 0
for epoch in range(200):
    model.train()
    loss = nn.functional.mse_loss(model(X[train_idx]), y[train_idx])
    opt.zero_grad()
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val = nn.functional.mse_loss(model(X[val_idx]), y[val_idx]).item()
    if val < best - 1e-5:
        best, best_state, bad = val, copy.deepcopy(model.state_dict()), 0
    else:
        bad += 1
        if bad >= patience:
            print('early stop at epoch', epoch)
            break
model.load_state_dict(best_state)
print(round(best, 5))
