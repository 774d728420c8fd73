# PyTorch docs, the examples of torch.nn.CrossEntropyLoss, BCEWithLogitsLoss (pos_weight),
# NLLLoss, HuberLoss and SmoothL1Loss (pytorch.org/docs/stable/generated/torch.nn.*.html), run
# with each reduction ('none', 'mean', 'sum') and the options the docs describe: class weights,
# ignore_index, label_smoothing, probability targets, beta / delta; each loss and its gradient.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# CrossEntropyLoss, "Example of target with class indices" and "with class probabilities".
input = torch.randn(3, 5, requires_grad=True)
target = torch.tensor([1, 0, 4])
for reduction in ("none", "mean", "sum"):
    loss = nn.CrossEntropyLoss(reduction=reduction)(input, target)
    print(reduction, loss)
output = nn.CrossEntropyLoss()(input, target)
output.backward()
print(input.grad)

probs = torch.randn(3, 5).softmax(dim=1)
input.grad = None
loss = nn.CrossEntropyLoss()(input, probs)
loss.backward()
print(loss.item(), input.grad)  # (its grad_fn: DivBackward1, a division by a number)

weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])
print(F.cross_entropy(input, target, weight=weight))
print(F.cross_entropy(input, target, weight=weight, reduction="none"))
print(F.cross_entropy(input, torch.tensor([1, -100, 4])))
print(F.cross_entropy(input, torch.tensor([1, 2, 4]), ignore_index=2, reduction="sum"))
print(F.cross_entropy(input, target, label_smoothing=0.1))
print(F.cross_entropy(input, target, weight=weight, label_smoothing=0.2))
print(F.cross_entropy(input, target, label_smoothing=0.1, reduction="none"))
input.grad = None
F.cross_entropy(input, target, weight=weight, ignore_index=0, label_smoothing=0.1).backward()
print(input.grad)

# BCEWithLogitsLoss: the docs' example (64 classes, batch 10), then pos_weight per class.
target = torch.ones([10, 64], dtype=torch.float32)
output = torch.full([10, 64], 1.5)
pos_weight = torch.ones([64])
criterion = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
print(criterion(output, target))
logits = torch.randn(4, 3, requires_grad=True)
labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]])
pw = torch.tensor([3.0, 1.0, 0.5])
for reduction in ("none", "mean", "sum"):
    print(reduction, F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pw,
                                                          reduction=reduction))
F.binary_cross_entropy_with_logits(logits, labels, weight=torch.tensor([1.0, 2.0, 1.0]),
                                   pos_weight=pw).backward()
print(logits.grad)

# NLLLoss over log_softmax (the docs' first example), then with class weights.
m = nn.LogSoftmax(dim=1)
loss = nn.NLLLoss()
input = torch.randn(3, 5, requires_grad=True)
target = torch.tensor([1, 0, 4])
output = loss(m(input), target)
output.backward()
print(output, input.grad)
print(nn.NLLLoss(weight=torch.tensor([1.0, 0.0, 2.0, 1.0, 1.0]), reduction="sum")(m(input), target))
# The docs' 2-D (image) example, shrunk: (N, C, H, W) log-probabilities and (N, H, W) targets,
# and a sequence (N, C, L) for cross_entropy.
N, C = 2, 4
data = torch.randn(N, 3, 5, 5)
conv = nn.Conv2d(3, C, (3, 3))
img_target = torch.empty(N, 3, 3, dtype=torch.long).random_(0, C)
output = loss(m(conv(data)), img_target)
output.backward()
print(output, conv.bias.grad)
print(nn.NLLLoss(reduction="none")(m(conv(data)), img_target)[0])
seq = torch.randn(2, C, 6, requires_grad=True)
seq_target = torch.randint(0, C, (2, 6))
seq_loss = F.cross_entropy(seq, seq_target, reduction="none")
print(seq_loss, seq_loss.grad_fn)
F.cross_entropy(seq, seq_target, ignore_index=0).backward()
print(seq.grad[0])

# HuberLoss (delta) and SmoothL1Loss (beta): equal when delta = beta = 1, scaled otherwise.
pred = torch.tensor([0.0, 0.5, 2.0, -3.0], requires_grad=True)
true = torch.zeros(4)
for delta in (1.0, 0.5, 2.0):
    print("huber", delta, F.huber_loss(pred, true, delta=delta, reduction="none"))
    print("smooth_l1", delta, F.smooth_l1_loss(pred, true, beta=delta, reduction="none"))
nn.HuberLoss(reduction="sum", delta=0.5)(pred, true).backward()
print(pred.grad)
pred.grad = None
nn.SmoothL1Loss(beta=0.5)(pred, true).backward()
print(pred.grad)
