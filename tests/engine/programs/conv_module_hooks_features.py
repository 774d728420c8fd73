# Feature maps of a CNN via forward hooks (visualisation tutorials): shapes and statistics of
# each conv layer's output, captured without changing the model.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(8, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                      nn.Linear(16, 5))
features = {}
for name, module in model.named_modules():
    if isinstance(module, nn.Conv2d):
        module.register_forward_hook(
            lambda m, i, o, name=name: features.__setitem__(name, o.detach()))
x = torch.randn(2, 3, 16, 16)
logits = model(x)
for name, f in features.items():
    print(name, tuple(f.shape), round(f.mean().item(), 4), round(f.std().item(), 4))
print(logits.shape)
grads = {}
model[3].register_full_backward_hook(lambda m, gi, go: grads.__setitem__('conv2', go[0]))
model(x).sum().backward()
print(grads['conv2'].shape, round(grads['conv2'].abs().sum().item(), 4))
