# Linear regression as an nn.Module subclass (the shape of countless introductory blog posts):
# custom forward, MSELoss, SGD, the learned parameters and a prediction.
import torch
from torch import nn

torch.manual_seed(42)
x_train = torch.tensor([[3.3], [4.4], [5.5], [6.71], [6.93], [4.168], [9.779], [6.182],
                        [7.59], [2.167], [7.042], [10.791], [5.313], [7.997], [3.1]])
y_train = torch.tensor([[1.7], [2.76], [2.09], [3.19], [1.694], [1.573], [3.366], [2.596],
                        [2.53], [1.221], [2.827], [3.465], [1.65], [2.904], [1.3]])


class LinearRegression(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, x):
        out = self.linear(x)
        return out


model = LinearRegression()
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
num_epochs = 100
for epoch in range(num_epochs):
    out = model(x_train)
    loss = criterion(out, y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 20 == 0:
        print(f'Epoch[{epoch + 1}/{num_epochs}], loss: {loss.item():.6f}')
model.eval()
with torch.no_grad():
    predict = model(x_train)
print(predict[:3].squeeze())
print(model.state_dict())
