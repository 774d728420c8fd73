# A learner's pattern (forum answers on "how to get intermediate activations"): forward hooks
# that store each layer's output, a pre-hook that prints input shapes, and removing them.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
activation = {}


def get_activation(name):
    def hook(model, input, output):
        activation[name] = output.detach()
    return hook


handles = []
for name, layer in model.named_children():
    handles.append(layer.register_forward_hook(get_activation(name)))


def show_input(module, input):
    print(type(module).__name__, 'input', tuple(input[0].shape))


handles.append(model[0].register_forward_pre_hook(show_input))
x = torch.randn(2, 4)
output = model(x)
for name, act in activation.items():
    print(name, act.shape, act.sum().item() > -100)
print(activation['1'])
print(torch.equal(activation['2'], output.detach()))
for h in handles:
    h.remove()
activation.clear()
model(x)
print(len(activation))


def double_output(module, input, output):
    return output * 2


h = model[2].register_forward_hook(double_output)
print(torch.allclose(model(x), output * 2))
h.remove()
print(torch.allclose(model(x), output))
