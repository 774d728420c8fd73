# PyTorch docs, the examples of torch.nn.MarginRankingLoss, TripletMarginLoss (and the
# TripletMarginWithDistanceLoss page's cosine-distance idea, here by CosineEmbeddingLoss),
# HingeEmbeddingLoss, PoissonNLLLoss, GaussianNLLLoss (heteroscedastic and homoscedastic) and
# MultiLabelSoftMarginLoss (pytorch.org/docs/stable/generated/torch.nn.*.html), shrunk; each
# loss with its reductions, the grad_fn it prints and the gradients.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

loss = nn.MarginRankingLoss()
input1 = torch.randn(3, requires_grad=True)
input2 = torch.randn(3, requires_grad=True)
target = torch.randn(3).sign()
output = loss(input1, input2, target)
output.backward()
print(loss, output, input1.grad, input2.grad)
print(F.margin_ranking_loss(input1, input2, target, margin=2.0, reduction="none"))

triplet_loss = nn.TripletMarginLoss(margin=1.0, p=2, eps=1e-7)
anchor = torch.randn(10, 16, requires_grad=True)
positive = torch.randn(10, 16, requires_grad=True)
negative = torch.randn(10, 16, requires_grad=True)
output = triplet_loss(anchor, positive, negative)
output.backward()
print(output, anchor.grad[0, :4])
print(F.triplet_margin_loss(anchor, positive, negative, margin=5.0, reduction="none"))
print(F.triplet_margin_loss(anchor, positive, negative, margin=5.0, p=1, swap=True))

x1 = torch.randn(4, 5, requires_grad=True)
x2 = torch.randn(4, 5)
y = torch.tensor([1, -1, 1, -1])
for margin in (0.0, 0.3):
    out = nn.CosineEmbeddingLoss(margin=margin, reduction="none")(x1, x2, y)
    print(margin, out)
nn.CosineEmbeddingLoss()(x1, x2, y).backward()
print(x1.grad[1])

distances = torch.tensor([0.2, 1.5, 0.7, 3.0], requires_grad=True)
labels = torch.tensor([1, -1, -1, 1])
hinge = nn.HingeEmbeddingLoss(margin=1.0)
out = hinge(distances, labels)
out.backward()
print(out, distances.grad, F.hinge_embedding_loss(distances, labels, reduction="sum"))

loss = nn.PoissonNLLLoss()
log_input = torch.randn(5, 2, requires_grad=True)
target = torch.randn(5, 2)
output = loss(log_input, target)
output.backward()
print(output, log_input.grad[0])
counts = torch.tensor([[0.0, 1.0], [2.0, 5.0]])
rates = torch.tensor([[0.5, 1.0], [2.5, 4.0]], requires_grad=True)
print(F.poisson_nll_loss(rates, counts, log_input=False, full=True, reduction="none"))
print(F.poisson_nll_loss(rates.log(), counts, full=True))

loss = nn.GaussianNLLLoss()
input = torch.randn(5, 2, requires_grad=True)
target = torch.randn(5, 2)
var = torch.ones(5, 2, requires_grad=True)  # heteroscedastic
output = loss(input, target, var)
output.backward()
print(output, var.grad[0], input.grad[0])
var = torch.ones(5, 1, requires_grad=True)  # homoscedastic
output = loss(input, target, var)
output.backward()
print(output, var.grad.view(-1))
print(F.gaussian_nll_loss(input, target, torch.full((5, 2), 0.5), full=True, reduction="sum"))
try:
    loss(input, target, torch.ones(5, 3))
except ValueError as e:
    print(e)

logits = torch.randn(3, 4, requires_grad=True)
multi_hot = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 0.0]])
mlsm = nn.MultiLabelSoftMarginLoss()
out = mlsm(logits, multi_hot)
out.backward()
print(out, logits.grad[0])
print(F.multilabel_soft_margin_loss(logits, multi_hot, reduction="none"))
print(torch.allclose(out, F.binary_cross_entropy_with_logits(logits, multi_hot)))
weighted = nn.MultiLabelSoftMarginLoss(weight=torch.tensor([1.0, 2.0, 0.5, 1.0]))
print(weighted(logits, multi_hot))
