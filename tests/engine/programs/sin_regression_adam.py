# Fitting sin(x) with a small MLP and Adam (a "first neural network" blog exercise), with
# the loss every 100 steps and predictions at a few points.
import math

import torch
from torch import nn

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 200).unsqueeze(1)
y = torch.sin(x)
model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()
for step in range(100):
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 25 == 24:
        print(step + 1, f'{loss.item():.6f}')
test = torch.tensor([[0.0], [math.pi / 2], [-math.pi / 4]])
with torch.no_grad():
    print(model(test).squeeze(), torch.sin(test).squeeze())
