# The loss-function errors learners search for, each with the code of a page that explains it:
# "0D or 1D target tensor expected, multi-target not supported" (openillumi.com/en/
# en-pytorch-0d-1d-target-tensor-error-fix: labels.unsqueeze(1), and one-hot targets),
# "expected scalar type Long but found Float" (openillumi.com, "PyTorchのLongとFloat型不一致"),
# "result type Float can't be cast to the desired output type Long" (openillumi.com/en/
# en-pytorch-float-long-cast-error-fix), and MSELoss's shape pitfall (runebook.dev,
# "PyTorch MSELoss 常见三大陷阱": a (5, 1) prediction against a (5) target broadcasts, with a
# warning); each with its fix.
import warnings

import torch
from torch import nn

torch.manual_seed(0)
criterion = nn.CrossEntropyLoss()
outputs = torch.randn(3, 5, requires_grad=True)
labels = torch.tensor([1, 3, 0])

for name, target in [("unsqueeze(1)", labels.unsqueeze(1)),
                     ("one-hot", nn.functional.one_hot(labels, 5))]:
    try:
        criterion(outputs, target)
    except RuntimeError as e:
        print(name, type(e).__name__, e)
print(criterion(outputs, labels))
print(criterion(outputs, nn.functional.one_hot(labels, 5).argmax(dim=1)))

# Float class labels: a Long target is required (a float target of the input's shape is read
# as class probabilities instead).
try:
    criterion(outputs, labels.float())
except RuntimeError as e:
    print(type(e).__name__, e)
print(criterion(outputs, labels.float().long()))
try:
    nn.NLLLoss()(outputs.log_softmax(1), labels.float())
except RuntimeError as e:
    print(type(e).__name__, e)

# A Long target for a regression / binary loss.
logits = torch.randn(4, requires_grad=True)
y = torch.tensor([0, 1, 1, 0])
for loss_fn in (nn.BCELoss(), nn.MSELoss(), nn.L1Loss()):
    y_pred = torch.sigmoid(logits)
    try:
        loss = loss_fn(y_pred, y)
        loss.backward()
        print(type(loss_fn).__name__, loss)
    except RuntimeError as e:
        print(type(loss_fn).__name__, type(e).__name__, e)
print(nn.BCELoss()(y_pred, y.float()))
counts = torch.zeros(3, dtype=torch.long)
try:
    counts += torch.tensor([0.5, 1.5, 2.5])
except RuntimeError as e:
    print(type(e).__name__, e)

# MSELoss: (5, 1) predictions against (5) targets broadcast to (5, 5), with a warning.
predictions = torch.randn(5, 1)
targets = torch.randn(5)
loss_fn = nn.MSELoss()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong = loss_fn(predictions, targets)
for w in caught:
    print(w.category.__name__, w.message)
targets_reshaped = targets.unsqueeze(1)
loss = loss_fn(predictions, targets_reshaped)
print(f"original shapes: {predictions.shape} {targets.shape}")
print(f"reshaped target: {targets_reshaped.shape}")
print(f"wrong loss: {wrong.item():.4f}, right loss: {loss.item():.4f}")
try:
    loss_fn(torch.randn(5, 2), torch.randn(5, 3))
except RuntimeError as e:
    print(type(e).__name__, e)
