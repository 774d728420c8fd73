# A common learner's exercise (time-series forecasting blog posts): an LSTM with batch_first
# predicting the next value of a sine wave, trained with Adam for a few steps.
import math

import torch
from torch import nn

torch.manual_seed(0)
t = torch.linspace(0, 4 * math.pi, 41)
wave = torch.sin(t)
windows = torch.stack([wave[i:i + 10] for i in range(30)]).unsqueeze(-1)
targets = torch.stack([wave[i + 10] for i in range(30)]).unsqueeze(-1)


class Forecaster(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 16, batch_first=True)
        self.head = nn.Linear(16, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1, :])


model = Forecaster()
opt = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()
for epoch in range(20):
    opt.zero_grad()
    loss = loss_fn(model(windows), targets)
    loss.backward()
    opt.step()
    if epoch % 5 == 4:
        print(epoch, round(loss.item(), 5))
with torch.no_grad():
    print(model(windows[:3]).squeeze(-1), targets[:3].squeeze(-1))
