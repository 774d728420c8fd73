# Alfredo Canziani, NYU Deep Learning (github.com/Atcold/NYU-DLSP20, 04-spiral_classification
# .ipynb): three interleaved spirals, a linear model and then a two-layer ReLU network trained
# with CrossEntropyLoss; loss and accuracy as the notebook prints them. Smaller: 100 points a
# class, 20-unit hidden layer, 300 steps printed every 50.
# ruff: noqa: E501, SIM113, UP031 - the source's own style
import math
import random

import torch
from torch import nn

seed = 12345
random.seed(seed)
torch.manual_seed(seed)
N = 100  # num_samples_per_class
D = 2  # dimensions
C = 3  # num_classes
H = 20  # num_hidden_units

X = torch.zeros(N * C, D)
y = torch.zeros(N * C, dtype=torch.long)
for c in range(C):
    index = 0
    t = torch.linspace(0, 1, N)
    # When c = 0 and t = 0: start of linspace
    # When c = 0 and t = 1: end of linpace
    # This inner_var is for the formula inside sin() and cos() like sin(inner_var) and cos(inner_Var)
    inner_var = torch.linspace(
        # When t = 0
        (2 * math.pi / C) * (c),
        # When t = 1
        (2 * math.pi / C) * (2 + c),
        N
    ) + torch.randn(N) * 0.2

    for ix in range(N * c, N * (c + 1)):
        X[ix] = t[index] * torch.FloatTensor((
            math.sin(inner_var[index]), math.cos(inner_var[index])
        ))
        y[ix] = c
        index += 1

print("Shapes:")
print("X:", tuple(X.size()))
print("y:", tuple(y.size()))
print(X[::60], y[::60])

learning_rate = 1e-3
lambda_l2 = 1e-5

# Linear model
model = nn.Sequential(
    nn.Linear(D, H),
    nn.Linear(H, C)
)
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, weight_decay=lambda_l2)
for t in range(300):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    score, predicted = torch.max(y_pred, 1)
    acc = (y == predicted).sum().float() / len(y)
    if t % 50 == 0:
        print("[EPOCH]: %i, [LOSS]: %.6f, [ACCURACY]: %.3f" % (t, loss.item(), acc))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(model)

# Two-layered network
model = nn.Sequential(
    nn.Linear(D, H),
    nn.ReLU(),
    nn.Linear(H, C)
)
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate, weight_decay=lambda_l2)
for t in range(300):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    score, predicted = torch.max(y_pred, 1)
    acc = ((y == predicted).sum().float() / len(y))
    if t % 50 == 0:
        print("[EPOCH]: %i, [LOSS]: %.6f, [ACCURACY]: %.3f" % (t, loss.item(), acc))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(model)
