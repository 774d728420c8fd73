# PyTorch recipe "Zeroing out gradients in PyTorch" (pytorch.org/tutorials/recipes/recipes/
# zeroing_out_gradients.html): the CIFAR-10 Net trained with optimizer.zero_grad() before each
# backward, and what the recipe explains around it: without zeroing the gradients of two
# backward calls add up, net.zero_grad() clears the same parameters, and set_to_none=False
# keeps zero tensors. 32 random 32x32 images stand in for CIFAR-10; the statistics are
# printed every 4 mini-batches instead of every 2000.
# ruff: noqa: PLR0402, UP008, UP031 - the source's own style
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
images = torch.rand(32, 3, 32, 32) * 2 - 1  # in [-1, 1], as Normalize((0.5,)*3, (0.5,)*3) maps
targets = torch.randint(0, 10, (32,))
trainloader = DataLoader(TensorDataset(images, targets), batch_size=4, shuffle=True)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

for epoch in range(2):  # loop over the dataset multiple times

    running_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        # get the inputs; data is a list of [inputs, labels]
        inputs, labels = data

        # zero the parameter gradients
        optimizer.zero_grad()

        # forward + backward + optimize
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

        # print statistics
        running_loss += loss.item()
        if i % 4 == 3:    # print every 4 mini-batches
            print('[%d, %5d] loss: %.3f' %
                  (epoch + 1, i + 1, running_loss / 4))
            running_loss = 0.0

print('Finished Training')

# Without zeroing, a second backward adds its gradients to the first's
inputs, labels = images[:4], targets[:4]
optimizer.zero_grad()
criterion(net(inputs), labels).backward()
first = net.fc3.bias.grad.clone()
criterion(net(inputs), labels).backward()
print(torch.allclose(net.fc3.bias.grad, 2 * first), first)
net.zero_grad()
print(net.fc3.bias.grad, net.conv1.weight.grad)
criterion(net(inputs), labels).backward()
optimizer.zero_grad(set_to_none=False)
print(net.fc3.bias.grad)
