# Loss functions side by side (PyTorch API examples for each nn loss): values for one batch
# and the gradient each sends to the prediction.
import torch
from torch import nn

torch.manual_seed(0)
pred = torch.randn(4, 3, requires_grad=True)
target = torch.randn(4, 3)
for loss_fn in [nn.MSELoss(), nn.L1Loss(), nn.SmoothL1Loss(), nn.HuberLoss(delta=0.5),
                nn.MSELoss(reduction='sum')]:
    loss = loss_fn(pred, target)
    g, = torch.autograd.grad(loss, pred)
    print(type(loss_fn).__name__, round(loss.item(), 5), g.abs().sum().item())
labels = torch.tensor([0, 2, 1, 2])
for loss_fn in [nn.CrossEntropyLoss(), nn.CrossEntropyLoss(reduction='none')]:
    print(loss_fn(pred, labels))
print(nn.NLLLoss()(torch.log_softmax(pred, dim=1), labels))
probs = torch.sigmoid(pred)
binary = (target > 0).float()
print(nn.BCELoss()(probs, binary), nn.BCEWithLogitsLoss()(pred, binary))
print(nn.BCEWithLogitsLoss(reduction='sum')(pred, binary))
smoothed = nn.CrossEntropyLoss(label_smoothing=0.1)(pred, labels)
smoothed.backward()
print(smoothed, pred.grad.abs().sum())
