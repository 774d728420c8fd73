# Saving and loading: torch.save / torch.load of tensors, state dicts and whole training state.
import os
import tempfile

import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
x = torch.randn(4, 3)
loss = net(x).pow(2).mean()
loss.backward()
opt.step()
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "checkpoint.pth")
    torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": 1}, path)
    clone = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
    print(torch.equal(clone[0].weight, net[0].weight))
    checkpoint = torch.load(path)
    print(clone.load_state_dict(checkpoint["model"]))
    print(torch.equal(clone[0].weight, net[0].weight), checkpoint["epoch"])
    opt2 = torch.optim.SGD(clone.parameters(), lr=0.5, momentum=0.9)
    opt2.load_state_dict(checkpoint["optimizer"])
    print(opt2.param_groups[0]["lr"], sorted(checkpoint["optimizer"]["state"]))
    t = torch.arange(6.0).view(2, 3)
    torch.save(t, os.path.join(folder, "t.pt"))
    back = torch.load(os.path.join(folder, "t.pt"))
    print(back, back.dtype, back.shape, torch.equal(back, t))
    print(clone(x))
    print(net(x))
