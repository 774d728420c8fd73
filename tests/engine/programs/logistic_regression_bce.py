# Logistic regression on two Gaussian blobs (a typical course notebook): nn.Linear +
# BCEWithLogitsLoss, accuracy, and the same loss written with sigmoid and BCELoss.
import torch
from torch import nn

torch.manual_seed(0)
n = 100
x0 = torch.randn(n, 2) + torch.tensor([2.0, 2.0])
x1 = torch.randn(n, 2) + torch.tensor([-2.0, -2.0])
X = torch.cat([x0, x1])
y = torch.cat([torch.zeros(n), torch.ones(n)]).unsqueeze(1)
model = nn.Linear(2, 1)
criterion = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(100):
    logits = model(X)
    loss = criterion(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 25 == 0:
        print(f'Epoch [{epoch + 1}/100], Loss: {loss.item():.4f}')
with torch.no_grad():
    predicted = (torch.sigmoid(model(X)) > 0.5).float()
    print('accuracy', (predicted == y).float().mean().item())
    print(nn.BCELoss()(torch.sigmoid(model(X)), y), criterion(model(X), y))
print(model.weight, model.bias)
