# Freezing layers for fine-tuning (PyTorch "Finetuning Torchvision Models" tutorial idea, on a
# small network): requires_grad_(False) on a backbone, the optimizer gets the head only.
import torch
from torch import nn

torch.manual_seed(0)
backbone = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU())
head = nn.Linear(8, 2)
model = nn.Sequential(backbone, head)
for param in backbone.parameters():
    param.requires_grad = False
params_to_update = [p for p in model.parameters() if p.requires_grad]
print(len(params_to_update), [tuple(p.shape) for p in params_to_update])
optimizer = torch.optim.SGD(params_to_update, lr=0.1)
x = torch.randn(6, 4)
labels = torch.tensor([0, 1, 1, 0, 1, 0])
before = backbone[0].weight.clone()
for step in range(5):
    loss = nn.functional.cross_entropy(model(x), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 4))
print(torch.equal(before, backbone[0].weight), backbone[0].weight.grad)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
