# PyTorch forum, "Target format for MultiLabelMarginLoss" (discuss.pytorch.org/t/target-format-
# for-multilabelmarginloss/56450): the targets are class indices padded with -1 (only those
# before the first -1 count), not a multi-hot vector; with the docs' examples of
# MultiLabelMarginLoss (0.85) and MultiMarginLoss (0.325), the padding mistakes' values, the
# reductions and the gradients.
import torch
from torch import nn

x = torch.tensor([[0.1, 0.2, 0.4, 0.8]], requires_grad=True)
loss = nn.MultiLabelMarginLoss()
# labels 3 and 0; the 1 after the -1 is ignored
y = torch.tensor([[3, 0, -1, 1]])
# 0.25 * ((1 - (0.1 - 0.2)) + (1 - (0.1 - 0.4)) + (1 - (0.8 - 0.2)) + (1 - (0.8 - 0.4)))
out = loss(x, y)
print(out, out.grad_fn)
out.backward()
print(x.grad)

# the question's format: indices, then -1 padding
scores = torch.tensor([[0.2, -0.1, 0.4, 0.9, 0.7, -0.3]], requires_grad=True)
padded = torch.tensor([[3, 4, -1, -1, -1, -1]])
print(loss(scores, padded))
# padding with 0 instead of -1 makes class 0 a target too
print(loss(scores, torch.tensor([[3, 4, 0, 0, 0, 0]])))
# a multi-hot vector reads as the classes 0 and 1
print(loss(scores, torch.tensor([[0, 0, 0, 1, 1, 0]])))
per_sample = nn.MultiLabelMarginLoss(reduction="none")(scores.expand(2, 6),
                                                        torch.cat([padded, padded.flip(1)]))
print(per_sample)
per_sample.sum().backward()
print(scores.grad)

# MultiMarginLoss's docs example: one target class per sample
multi = nn.MultiMarginLoss()
x = torch.tensor([[0.1, 0.2, 0.4, 0.8]], requires_grad=True)
y = torch.tensor([3])
# 0.25 * ((1 - (0.8 - 0.1)) + (1 - (0.8 - 0.2)) + (1 - (0.8 - 0.4)))
out = multi(x, y)
print(out, out.grad_fn)
out.backward()
print(x.grad)
squared = nn.MultiMarginLoss(p=2, margin=0.5, weight=torch.tensor([1.0, 2.0, 1.0, 0.5]))
print(squared, squared(x, y), squared(x, torch.tensor([1])))
try:
    nn.MultiMarginLoss(p=3)
except ValueError as error:
    print("ValueError:", error)
