# The Transformer tutorial's positional encoding module: register_buffer (persistent or not),
# state_dict, .to().
import math

import torch
from torch import nn


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=6):
        super().__init__()
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = torch.sin(position * div_term)
        pe[:, 0, 1::2] = torch.cos(position * div_term)
        self.register_buffer('pe', pe)
        self.register_buffer('steps', torch.zeros((), dtype=torch.long), persistent=False)
        self.proj = nn.Linear(d_model, 2)

    def forward(self, x):
        self.steps += 1
        return self.proj(x + self.pe[:x.size(0)])


torch.manual_seed(0)
m = PositionalEncoding(4)
print(m)
print(m.pe.squeeze(1))
print(list(m.state_dict().keys()), [n for n, _ in m.named_buffers()], len(list(m.buffers())))
out = m(torch.zeros(3, 1, 4))
out.sum().backward()
print(out, m.steps, m.pe.requires_grad, m.proj.weight.grad)
m.double()
print(m.pe.dtype, m.steps.dtype, m.proj.weight.dtype)
clone = PositionalEncoding(4)
print(clone.load_state_dict(m.state_dict()))
print([p for p, _ in m.named_parameters()])
