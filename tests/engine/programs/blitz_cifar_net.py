# PyTorch 60-minute blitz, "Training a Classifier" (pytorch.org/tutorials/beginner/blitz/
# cifar10_tutorial.html): the CIFAR-10 Net, CrossEntropyLoss and SGD with momentum, trained
# on random stand-in images (the dataset is not downloaded here).
import torch
import torch.nn.functional as F
from torch import nn, optim

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
print(net)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
inputs = torch.randn(8, 3, 32, 32)
labels = torch.randint(0, 10, (8,))
for epoch in range(2):
    running_loss = 0.0
    for i in range(4):
        optimizer.zero_grad()
        outputs = net(inputs[2 * i:2 * i + 2])
        loss = criterion(outputs, labels[2 * i:2 * i + 2])
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
    print(f'[{epoch + 1}] loss: {running_loss / 4:.3f}')
outputs = net(inputs)
_, predicted = torch.max(outputs, 1)
print(predicted)
correct = (predicted == labels).sum().item()
print(f'Accuracy: {100 * correct // labels.size(0)} %')
