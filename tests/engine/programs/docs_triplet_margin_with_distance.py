# PyTorch docs, torch.nn.TripletMarginWithDistanceLoss (pytorch.org/docs/stable/generated/
# torch.nn.TripletMarginWithDistanceLoss.html): its three examples (the default PairwiseDistance,
# a custom L-infinity distance, a cosine distance as a lambda with swap and margin), shrunk to
# small seeded embeddings; the module's printout, the losses, their graphs and gradients; and
# SoftMarginLoss (pytorch.org/docs/stable/generated/torch.nn.SoftMarginLoss.html) beside them.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
embedding = nn.Embedding(10, 4)
anchor_ids = torch.tensor([0, 1, 2])
positive_ids = torch.tensor([3, 4, 5])
negative_ids = torch.tensor([6, 7, 8])


def embed():
    """The three batches, looked up again for each loss (each backward frees its graph)."""
    return embedding(anchor_ids), embedding(positive_ids), embedding(negative_ids)


# the default: a PairwiseDistance submodule
triplet_loss = nn.TripletMarginWithDistanceLoss(distance_function=nn.PairwiseDistance())
print(triplet_loss)
output = triplet_loss(*embed())
print(output, output.grad_fn)
print([type(fn).__name__ for fn, _ in output.grad_fn.next_functions[0][0].next_functions])
output.backward()
print(embedding.weight.grad)


def l_infinity(x1, x2):
    return torch.max(torch.abs(x1 - x2), dim=1).values


embedding.weight.grad = None
triplet_loss = nn.TripletMarginWithDistanceLoss(distance_function=l_infinity, margin=1.5)
output = triplet_loss(*embed())
print(output)
output.backward()
print(embedding.weight.grad)

embedding.weight.grad = None
triplet_loss = nn.TripletMarginWithDistanceLoss(
    distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y), margin=0.5, swap=True,
    reduction="none")
output = triplet_loss(*embed())
print(output)
output.sum().backward()
print(embedding.weight.grad)

scores = torch.tensor([[0.5, -1.0, 2.0], [0.0, 3.0, -0.2]], requires_grad=True)
signs = torch.tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]])
for reduction in ("none", "mean", "sum"):
    scores.grad = None
    loss = nn.SoftMarginLoss(reduction=reduction)(scores, signs)
    loss.sum().backward()
    print(reduction, loss, scores.grad)
