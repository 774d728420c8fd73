# Dataset and DataLoader (PyTorch tutorial "Datasets & DataLoaders"): a custom Dataset,
# TensorDataset, batching with and without shuffling, and a training loop over batches.
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset

torch.manual_seed(0)


class SquaresDataset(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.x[idx] ** 2


ds = SquaresDataset(10)
print(len(ds), ds[3])
for xb, yb in DataLoader(ds, batch_size=4):
    print(xb, yb)
X = torch.randn(12, 2)
y = X @ torch.tensor([[2.0], [-1.0]]) + 0.5
loader = DataLoader(TensorDataset(X, y), batch_size=4, shuffle=True)
model = torch.nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(30):
    for xb, yb in loader:
        loss = torch.nn.functional.mse_loss(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
print(model.weight.data.round(decimals=2), model.bias.data.round(decimals=2))
print(len(loader), next(iter(DataLoader(ds, batch_size=3)))[0])
