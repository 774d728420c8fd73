# PyTorch recipes "What is a state_dict in PyTorch" and "Warmstarting model using parameters
# from a different model" (pytorch.org/tutorials/recipes/recipes/what_is_state_dict.html and
# warmstarting_model_using_parameters_from_a_different_model.html): the model's and the
# optimizer's state_dict, and load_state_dict(strict=False) into a different model.
import io

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
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
print(net)

optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

# Print model's state_dict
print("Model's state_dict:")
for param_tensor in net.state_dict():
    print(param_tensor, "\t", net.state_dict()[param_tensor].size())

print()

# Print optimizer's state_dict
print("Optimizer's state_dict:")
for var_name in optimizer.state_dict():
    print(var_name, "\t", optimizer.state_dict()[var_name])

# One step, so that the optimizer has momentum buffers in its state.
loss = net(torch.randn(2, 3, 32, 32)).pow(2).mean()
loss.backward()
optimizer.step()
state = optimizer.state_dict()
print(sorted(state['state'].keys()), state['state'][0]['momentum_buffer'].shape)


class NetB(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.fc4 = nn.Linear(10, 2)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return self.fc4(x)


netA = net
netB = NetB()

# Specify a path to save to (here an in-memory buffer)
PATH = io.BytesIO()
torch.save(netA.state_dict(), PATH)
PATH.seek(0)

result = netB.load_state_dict(torch.load(PATH), strict=False)
print(result)
print(result.missing_keys, result.unexpected_keys)
print(torch.equal(netA.conv1.weight, netB.conv1.weight),
      torch.equal(netA.fc3.bias, netB.fc3.bias))

try:
    netA.load_state_dict(netB.state_dict())
except RuntimeError as e:
    print('RuntimeError:', e)

# Renaming keys to load into a model whose layers are named differently.
renamed = {('classifier.' + k if k.startswith('fc') else k): v
           for k, v in netA.state_dict().items()}
result = netB.load_state_dict(renamed, strict=False)
print(len(result.missing_keys), len(result.unexpected_keys), result.unexpected_keys[:2])
