# A learner's deep MLP: eight Linear + Tanh blocks in an nn.Sequential, trained by SGD.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(32, 4)
Y = torch.randn(32, 1)
layers = []
for i in range(8):
    layers += [nn.Linear(4 if i == 0 else 8, 8), nn.Tanh()]
layers.append(nn.Linear(8, 1))
model = nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=1e-2)
for step in range(2):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
# ruff: noqa: PLR0402 - written as tutorials write it
