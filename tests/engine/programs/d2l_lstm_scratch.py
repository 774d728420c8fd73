# d2l.ai, "Long Short-Term Memory (LSTM)" (chapter_recurrent-modern/lstm.html): the gates
# written out with nn.LSTM's weights (input, forget, cell, output chunks) match nn.LSTM.
import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 3)
X = torch.randn(5, 2, 4)
out, (H_n, C_n) = lstm(X)
W_i, W_f, W_c, W_o = lstm.weight_ih_l0.chunk(4)
U_i, U_f, U_c, U_o = lstm.weight_hh_l0.chunk(4)
b = lstm.bias_ih_l0 + lstm.bias_hh_l0
b_i, b_f, b_c, b_o = b.chunk(4)
H = torch.zeros(2, 3)
C = torch.zeros(2, 3)
for x in X:
    I = torch.sigmoid(x @ W_i.T + H @ U_i.T + b_i)
    F_ = torch.sigmoid(x @ W_f.T + H @ U_f.T + b_f)
    O = torch.sigmoid(x @ W_o.T + H @ U_o.T + b_o)
    C_tilde = torch.tanh(x @ W_c.T + H @ U_c.T + b_c)
    C = F_ * C + I * C_tilde
    H = O * torch.tanh(C)
print(torch.allclose(H, H_n[0], atol=1e-6), torch.allclose(C, C_n[0], atol=1e-6))
print(H_n, C_n)
(H_n.sum() + C_n.sum()).backward()
print(lstm.weight_ih_l0.grad[:4])
