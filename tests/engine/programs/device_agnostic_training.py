# The device-agnostic idiom of the PyTorch tutorials ("device = 'cuda' if
# torch.cuda.is_available() else 'cpu'"), on a small regression network.
import torch
from torch import nn

device = 'cuda' if torch.cuda.is_available() else 'cpu'
print(f'Using {device} device')
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1)).to(device)
x = torch.linspace(-2, 2, 64, device=device).unsqueeze(1)
y = x ** 2
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(60):
    pred = model(x)
    loss = nn.functional.mse_loss(pred, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 15 == 0:
        print(epoch, f'{loss.item():.5f}')
print(next(model.parameters()).device, x.device.type)
print(torch.cuda.is_available(), torch.cuda.device_count())
