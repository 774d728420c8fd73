# d2l.ai, "Gated Recurrent Units (GRU)" (chapter_recurrent-modern/gru.html): reset and update
# gates and the candidate state by hand, with nn.GRU's weights (r, z, n chunks).
import torch
from torch import nn

torch.manual_seed(1)
gru = nn.GRU(3, 4)
X = torch.randn(6, 1, 3)
out, h_n = gru(X)
W_r, W_z, W_n = gru.weight_ih_l0.chunk(3)
U_r, U_z, U_n = gru.weight_hh_l0.chunk(3)
bi_r, bi_z, bi_n = gru.bias_ih_l0.chunk(3)
bh_r, bh_z, bh_n = gru.bias_hh_l0.chunk(3)
H = torch.zeros(1, 4)
for x in X:
    R = torch.sigmoid(x @ W_r.T + bi_r + H @ U_r.T + bh_r)
    Z = torch.sigmoid(x @ W_z.T + bi_z + H @ U_z.T + bh_z)
    H_tilde = torch.tanh(x @ W_n.T + bi_n + R * (H @ U_n.T + bh_n))
    H = Z * H + (1 - Z) * H_tilde
print(torch.allclose(H, h_n[0], atol=1e-6))
print(out.detach()[:, 0, :2])
print(h_n)
