# train() and eval() (PyTorch tutorials' warnings about dropout at inference): dropout is
# active in training mode only, and the flag propagates to children.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5), nn.Linear(4, 1))
x = torch.ones(3, 4)
print(model.training, model[1].training)
a = model(x)
b = model(x)
print(torch.equal(a, b))
model.eval()
print(model.training, model[1].training)
c = model(x)
d = model(x)
print(torch.equal(c, d))
model.train()
print(model[1].training)
with torch.no_grad():
    print(model.eval()(x).requires_grad)
print(nn.Dropout(p=0.2))
