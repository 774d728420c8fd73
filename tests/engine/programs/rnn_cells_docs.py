# PyTorch docs, torch.nn.RNNCell / LSTMCell / GRUCell: unrolling a cell over six time steps by
# hand, as the docs' examples do, and the first step's values.
import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNNCell(10, 20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)
print(len(output), output[0].shape, hx.grad_fn)
print(hx[0, :5])
rnn = nn.LSTMCell(10, 20)
input = torch.randn(2, 3, 10)
hx = torch.randn(3, 20)
cx = torch.randn(3, 20)
output = []
for i in range(input.size()[0]):
    hx, cx = rnn(input[i], (hx, cx))
    output.append(hx)
output = torch.stack(output, dim=0)
print(output.shape, cx.grad_fn)
print(cx[0, :5])
rnn = nn.GRUCell(10, 20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
for i in range(6):
    hx = rnn(input[i], hx)
print(hx[1, :5], hx.grad_fn)
print(rnn, nn.RNNCell(3, 4, bias=False, nonlinearity="relu"))
