# ModuleList / ModuleDict models and gradient clipping between backward and step.
import torch
from torch import nn


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 3) for _ in range(3)])
        self.heads = nn.ModuleDict({"mean": nn.Linear(3, 1), "spread": nn.Linear(3, 1)})
        self.layers.append(nn.Tanh())

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.heads["mean"](x) + self.heads["spread"](x).exp()


torch.manual_seed(0)
model = Stack()
print(model)
print(len(model.layers), list(model.heads.keys()), model.layers[-1])
print([name for name, _ in model.named_parameters()])
x = torch.randn(5, 3)
loss = (model(x) ** 2).sum() * 50
loss.backward()
before = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
after = torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters()))
print(before, after)
torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01)
print(model.heads["mean"].weight.grad, model.layers[0].bias.grad)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
opt.step()
print(model(x[:2]))
