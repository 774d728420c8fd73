# PyTorch docs, nn.GRU / nn.RNN: unbatched (L, H_in) input and batch_first=True input give the
# same numbers as the (L, N, H_in) layout.
import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(3, 4)
seq = torch.randn(5, 3)
out, h = gru(seq)
print(out.shape, h.shape)
out_b, h_b = gru(seq.unsqueeze(1))
print(torch.allclose(out, out_b[:, 0]), torch.allclose(h, h_b[:, 0]))
torch.manual_seed(0)
gru_bf = nn.GRU(3, 4, batch_first=True)
out_bf, h_bf = gru_bf(seq.unsqueeze(0))
print(out_bf.shape, torch.allclose(out_bf[0], out))
rnn = nn.RNN(3, 2, nonlinearity="relu", bias=False)
o, h = rnn(seq)
print(o.detach(), h)
print(rnn, list(dict(rnn.named_parameters())))
