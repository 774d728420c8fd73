# Blog post "Mastering detach in Hidden State Loss Backward with PyTorch"
# (www.codegenes.net/blog/how-to-use-detach-in-hidden-state-loss-backward-pytorch): an RNN
# trained over consecutive chunks of one long sequence; carrying the hidden state into the
# next chunk without detach fails on the second backward, detaching it truncates
# backpropagation through time. The post's model (nn.RNN + nn.Linear, MSE loss, SGD) on a
# seeded sine sequence in chunks of 10.
import math

import torch
from torch import nn


class SimpleRNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, output_size)

    def forward(self, x, hidden):
        out, hidden = self.rnn(x, hidden)
        out = self.fc(out)
        return out, hidden


torch.manual_seed(0)
steps = torch.arange(61, dtype=torch.float32)
series = torch.sin(steps * 2 * math.pi / 20) + 0.1 * torch.randn(61)
inputs, targets = series[:-1].view(1, -1, 1), series[1:].view(1, -1, 1)

model = SimpleRNN(1, 8, 1)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)

hidden = torch.zeros(1, 1, 8)
try:
    for i in range(0, 60, 10):
        x, y = inputs[:, i:i + 10], targets[:, i:i + 10]
        optimizer.zero_grad()
        output, hidden = model(x, hidden)
        loss = criterion(output, y)
        loss.backward()
        optimizer.step()
        print("chunk", i // 10, "loss", round(loss.item(), 6), hidden.grad_fn)
except RuntimeError as e:
    print("RuntimeError:", e)

torch.manual_seed(0)
model = SimpleRNN(1, 8, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
for epoch in range(3):
    hidden = torch.zeros(1, 1, 8)
    for i in range(0, 60, 10):
        x, y = inputs[:, i:i + 10], targets[:, i:i + 10]
        hidden = hidden.detach()  # truncated BPTT: keep the values, drop the history
        optimizer.zero_grad()
        output, hidden = model(x, hidden)
        loss = criterion(output, y)
        loss.backward()
        optimizer.step()
    print("epoch", epoch, "last chunk loss", round(loss.item(), 6), hidden.requires_grad)
print(model.rnn.weight_hh_l0.grad.norm(), hidden.detach().is_leaf)
