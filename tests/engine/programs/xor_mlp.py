# The XOR problem with a two-layer network (an introductory neural-network course exercise):
# sigmoid hidden layer, BCELoss, SGD; predictions after training.
import torch
from torch import nn

torch.manual_seed(2)
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])


class XOR(nn.Module):
    def __init__(self, input_dim=2, output_dim=1):
        super().__init__()
        self.lin1 = nn.Linear(input_dim, 2)
        self.lin2 = nn.Linear(2, output_dim)

    def forward(self, x):
        x = self.lin1(x)
        x = torch.sigmoid(x)
        x = self.lin2(x)
        return torch.sigmoid(x)


model = XOR()
for m in model.modules():
    if isinstance(m, nn.Linear):
        m.weight.data.normal_(0, 1)
loss_func = nn.BCELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
for epoch in range(1000):
    optimizer.zero_grad()
    loss = loss_func(model(X), Y)
    loss.backward()
    optimizer.step()
    if epoch % 200 == 0:
        print(f'Epoch: {epoch}, Loss: {loss.item():.4f}')
print(model(X).round().squeeze())
print(next(iter(model.parameters())).shape)
