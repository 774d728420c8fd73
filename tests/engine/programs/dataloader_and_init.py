# DataLoader batching (shuffle, drop_last, generator), default_collate, and nn.init.
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset


class Squares(Dataset):
    def __len__(self):
        return 5

    def __getitem__(self, i):
        return float(i), i * i


torch.manual_seed(1)
ds = TensorDataset(torch.arange(10.0).view(5, 2), torch.arange(5))
print(len(ds), ds[1])
for xb, yb in DataLoader(ds, batch_size=2):
    print(xb, yb)
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=2, shuffle=True)])
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=2, shuffle=True, drop_last=True)])
g = torch.Generator().manual_seed(3)
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=3, shuffle=True, generator=g)])
print(torch.randn(2))
for batch in DataLoader(Squares(), batch_size=3):
    print(batch)
lin = nn.Linear(4, 3)
nn.init.xavier_uniform_(lin.weight)
nn.init.zeros_(lin.bias)
print(lin.weight, lin.bias)
nn.init.normal_(lin.weight, std=0.01)
nn.init.constant_(lin.bias, 0.5)
print(lin.weight, lin.bias)
nn.init.kaiming_uniform_(lin.weight, nonlinearity="relu")
print(lin.weight)
nn.init.kaiming_normal_(lin.weight)
nn.init.xavier_normal_(lin.weight, gain=nn.init.calculate_gain("tanh"))
print(lin.weight, nn.init.calculate_gain("relu"))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


net = nn.Sequential(nn.Flatten(), nn.Linear(4, 2))
net.apply(init_weights)
print(net[1].weight, net[1].weight.requires_grad, net[1].weight.grad_fn)
