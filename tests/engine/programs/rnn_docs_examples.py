# PyTorch docs, torch.nn.RNN / nn.LSTM / nn.GRU: the examples with two layers, an initial
# state, and the shapes of output and h_n; the parameter names and shapes each layer registers.
import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
output, hn = rnn(input, h0)
print(output.shape, hn.shape, output.grad_fn, hn.grad_fn)
print([(name, tuple(p.shape)) for name, p in rnn.named_parameters()])
rnn = nn.LSTM(10, 20, 2)
h0 = torch.randn(2, 3, 20)
c0 = torch.randn(2, 3, 20)
output, (hn, cn) = rnn(input, (h0, c0))
print(output.shape, hn.shape, cn.shape)
print(hn[1, 0, :4], cn[1, 0, :4])
rnn = nn.GRU(10, 20, 2)
output, hn = rnn(input, h0)
print(output.shape, hn.shape)
print(hn[0, 0, :4])
print(output[-1, 0, :4].detach())
print(rnn)
