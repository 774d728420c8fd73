# pytorch/examples, "mnist/main.py" (github.com/pytorch/examples/blob/main/mnist/main.py): the
# Net (two convolutions, dropout, log_softmax), train() and test() with nll_loss, Adadelta and
# StepLR, as written there; MNIST itself is replaced by 12 random 28x28 "digits" with random
# labels, and the run is cut to two epochs of two batches.
# ruff: noqa: PLR0402, UP008, UP032 - the source's own style
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def train(log_interval, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % log_interval == 0:
            print('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset),
                100. * batch_idx / len(train_loader), loss.item()))


def test(model, device, test_loader):
    model.eval()
    test_loss = 0
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            data, target = data.to(device), target.to(device)
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()  # sum up batch loss
            pred = output.argmax(dim=1, keepdim=True)  # get the index of the max log-probability
            correct += pred.eq(target.view_as(pred)).sum().item()

    test_loss /= len(test_loader.dataset)

    print('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'.format(
        test_loss, correct, len(test_loader.dataset),
        100. * correct / len(test_loader.dataset)))


torch.manual_seed(1)
device = torch.device("cpu")
images = (torch.rand(12, 1, 28, 28) - 0.1307) / 0.3081  # transforms.Normalize((0.1307,), (0.3081,))
labels = torch.randint(0, 10, (12,))
dataset1 = torch.utils.data.TensorDataset(images[:8], labels[:8])
dataset2 = torch.utils.data.TensorDataset(images[8:], labels[8:])
train_loader = torch.utils.data.DataLoader(dataset1, batch_size=4, shuffle=True)
test_loader = torch.utils.data.DataLoader(dataset2, batch_size=4)

model = Net().to(device)
optimizer = optim.Adadelta(model.parameters(), lr=1.0)

scheduler = StepLR(optimizer, step_size=1, gamma=0.7)
for epoch in range(1, 3):
    train(1, model, device, train_loader, optimizer, epoch)
    test(model, device, test_loader)
    scheduler.step()
print(optimizer.param_groups[0]['lr'])
print(optimizer)
