# Python-level details learners print (tutorials and forum questions): type() of modules,
# optimizers and parameters, attributes set on tensors, set_grad_enabled's repr.
import torch
from torch import nn

torch.manual_seed(0)
lin = nn.Linear(2, 1)
print(type(lin.weight))
print(type(lin))
print(type(nn.MSELoss()))
print(type(torch.optim.SGD(lin.parameters(), lr=0.1)))
print(type(torch.no_grad()))
print(type(torch.Generator()))
print(type(torch.tensor(1.0)))
print(type(torch.zeros(2).shape))
print(torch.set_grad_enabled(False))
torch.set_grad_enabled(True)
t = torch.ones(3)
t.label = 'ones'
t.meta = {'source': 'test'}
print(t.label, t.meta)
w = torch.ones(2, requires_grad=True)
w.retain_grad = True
print(w.retain_grad)
p = nn.Parameter(torch.zeros(2))
p.tag = 'bias'
print(p.tag, isinstance(p, torch.Tensor), p.requires_grad)
print(torch.cuda.is_available(), torch.cuda.device_count())
device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
print(device, torch.device('cuda'), torch.device('cuda:1'))
print(torch.ones(2, device=device).device)
