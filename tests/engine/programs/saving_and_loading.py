# Saving and loading (PyTorch tutorial "Saving and Loading Models", and d2l.ai "File I/O"):
# tensors, lists and dicts of tensors, a state_dict into a fresh model, a checkpoint dict.
import io

import torch
from torch import nn

torch.manual_seed(0)
x = torch.arange(4)
buffer = io.BytesIO()
torch.save(x, buffer)
buffer.seek(0)
print(torch.load(buffer))
y = torch.zeros(4)
buffer = io.BytesIO()
torch.save([x, y], buffer)
buffer.seek(0)
x2, y2 = torch.load(buffer)
print(x2, y2)
mydict = {'x': x, 'y': y}
buffer = io.BytesIO()
torch.save(mydict, buffer)
buffer.seek(0)
print(torch.load(buffer))
net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
X = torch.randn(2, 4)
Y = net(X)
buffer = io.BytesIO()
torch.save(net.state_dict(), buffer)
buffer.seek(0)
clone = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
print(clone.load_state_dict(torch.load(buffer)))
clone.eval()
print(clone(X) == Y)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
net(X).sum().backward()
optimizer.step()
checkpoint = {'epoch': 5, 'model_state_dict': net.state_dict(),
              'optimizer_state_dict': optimizer.state_dict(), 'loss': 0.25}
buffer = io.BytesIO()
torch.save(checkpoint, buffer)
buffer.seek(0)
loaded = torch.load(buffer)
print(loaded['epoch'], loaded['loss'], sorted(loaded['model_state_dict'].keys()))
print(loaded['optimizer_state_dict']['param_groups'][0]['lr'])
