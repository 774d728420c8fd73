# d2l.ai, "Recurrent Neural Network Implementation from Scratch" and "Concise Implementation":
# the hand-written tanh recurrence with nn.RNN's own weights gives nn.RNN's outputs.
import torch
from torch import nn

torch.manual_seed(0)
num_inputs, num_hiddens, num_steps, batch_size = 5, 8, 4, 2
rnn = nn.RNN(num_inputs, num_hiddens)
X = torch.randn(num_steps, batch_size, num_inputs)
outputs, state = rnn(X)
W_xh, W_hh = rnn.weight_ih_l0.T, rnn.weight_hh_l0.T
b_h = rnn.bias_ih_l0 + rnn.bias_hh_l0
H = torch.zeros(batch_size, num_hiddens)
mine = []
for x in X:
    H = torch.tanh(torch.matmul(x, W_xh) + torch.matmul(H, W_hh) + b_h)
    mine.append(H)
print(torch.allclose(torch.stack(mine), outputs, atol=1e-6))
print(state.shape, outputs[-1, 0, :4])
loss = outputs.pow(2).mean()
loss.backward()
print(rnn.weight_hh_l0.grad.norm(), rnn.bias_ih_l0.grad[:4])
