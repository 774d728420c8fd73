# Weight initialisation (PyTorch docs for torch.nn.init): the functions fill in place under
# no_grad and return the tensor; statistics of the results for a fixed seed.
import math

import torch
from torch import nn

torch.manual_seed(0)
w = torch.empty(3, 5)
print(nn.init.uniform_(w, a=-0.1, b=0.1))
print(nn.init.normal_(w, mean=0.0, std=0.02))
print(nn.init.constant_(w, 0.3))
print(nn.init.ones_(w).sum(), nn.init.zeros_(w).sum())
print(nn.init.eye_(torch.empty(3, 3)))
w = torch.empty(256, 128)
nn.init.xavier_uniform_(w)
print(round(w.std().item(), 3), round(math.sqrt(2.0 / (256 + 128)), 3))
nn.init.kaiming_uniform_(w, mode='fan_in', nonlinearity='relu')
print(round(w.std().item(), 3), round(math.sqrt(2.0 / 128), 3))
nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
print(round(w.std().item(), 3), round(math.sqrt(2.0 / 256), 3))
nn.init.xavier_normal_(w, gain=nn.init.calculate_gain('tanh'))
print(round(w.std().item(), 3), nn.init.calculate_gain('tanh'), nn.init.calculate_gain('relu'))
p = nn.Parameter(torch.empty(2, 2))
print(nn.init.uniform_(p, -0.5, 0.5).requires_grad, p.abs().max() <= 0.5)
