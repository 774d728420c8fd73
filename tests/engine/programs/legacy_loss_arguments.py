# Old tutorials (PyTorch 0.3/0.4 era, e.g. "Learning PyTorch with Examples" before 1.0) build
# losses with size_average= / reduce=; PyTorch still accepts them with a deprecation warning.
import warnings

import torch

warnings.simplefilter('ignore')
torch.manual_seed(0)
x = torch.randn(4, 3)
y = torch.randn(4, 3)
print(torch.nn.MSELoss(size_average=False)(x, y))
print(torch.nn.MSELoss(reduce=False)(x, y))
print(torch.nn.MSELoss(size_average=True, reduce=True)(x, y))
print(torch.nn.MSELoss(reduction='sum')(x, y))
print(torch.nn.L1Loss(size_average=False)(x, y))
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
print(torch.nn.CrossEntropyLoss(reduce=False)(logits, target))
print(torch.nn.CrossEntropyLoss(size_average=False)(logits, target))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    torch.nn.MSELoss(size_average=False)
    print(w[0].message)
N, D_in, H, D_out = 8, 10, 6, 2
model = torch.nn.Sequential(torch.nn.Linear(D_in, H), torch.nn.ReLU(), torch.nn.Linear(H, D_out))
loss_fn = torch.nn.MSELoss(size_average=False)
xb, yb = torch.randn(N, D_in), torch.randn(N, D_out)
learning_rate = 1e-4
for t in range(5):
    loss = loss_fn(model(xb), yb)
    print(t, loss.item())
    model.zero_grad()
    loss.backward()
    for param in model.parameters():
        param.data -= learning_rate * param.grad.data
