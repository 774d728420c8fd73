# A learner's 1-D CNN for sequences (as in time-series classification blog posts): Conv1d,
# ReLU, MaxPool1d and a linear head, a few Adam steps on random sequences.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv1d(2, 8, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool1d(2),
    nn.Conv1d(8, 4, kernel_size=3), nn.ReLU(), nn.AvgPool1d(2), nn.Flatten(),
    nn.Linear(4 * 3, 3))
print(model)
x = torch.randn(5, 2, 16)
y = torch.tensor([0, 2, 1, 1, 0])
print(model[0](x).shape, model(x).shape)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(5):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(model[0].weight.grad.abs().sum())
