# d2l.ai, "Deep Recurrent Neural Networks" and "Bidirectional Recurrent Neural Networks": stacked
# GRU layers with dropout between them, and a bidirectional LSTM whose output joins both ways.
import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(6, 8, num_layers=3, dropout=0.0)
X = torch.randn(7, 2, 6)
out, h = gru(X)
print(out.shape, h.shape)
print(torch.allclose(out[-1], h[-1]))
bi = nn.LSTM(6, 5, bidirectional=True)
out, (h, c) = bi(X)
print(out.shape, h.shape, c.shape)
print(torch.allclose(out[-1, :, :5], h[0]), torch.allclose(out[0, :, 5:], h[1]))
print(h[1])
print([name for name, _ in bi.named_parameters()])
deep = nn.RNN(6, 4, num_layers=2, bidirectional=True)
out, h = deep(X)
print(out.shape, h.shape, out.detach()[3, 1])
print(deep)
