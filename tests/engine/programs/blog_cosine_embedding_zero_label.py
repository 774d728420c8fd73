# Sachin Abeywardana, "Thoughts on CosineEmbeddingLoss" (sachinruk.github.io/programming_tips/
# cosine-embedding-loss.html): a dissimilar pair only contributes while its cosine similarity
# is above the margin (the max clips the rest to zero gradient); and a label of 0 instead of -1
# silently counts for nothing. Per-pair losses (reduction='none'), means and gradients.
import torch
from torch import nn

torch.manual_seed(0)
predicted = torch.randn(4, 5, requires_grad=True)
labels_emb = torch.randn(4, 5)
labels_emb[1] = predicted[1].detach() * 2 + 0.3 * labels_emb[1]  # a dissimilar pair, much alike

cos = nn.functional.cosine_similarity(predicted, labels_emb)
print(cos)

for margin in (0.0, 0.5):
    for y in (torch.tensor([1, -1, -1, 1]), torch.tensor([1, 0, 0, 1])):
        predicted.grad = None
        per_pair = nn.CosineEmbeddingLoss(margin=margin, reduction="none")(predicted,
                                                                            labels_emb, y)
        mean = nn.CosineEmbeddingLoss(margin=margin)(predicted, labels_emb, y)
        mean.backward()
        print(margin, y.tolist(), per_pair, mean)
        print(predicted.grad.abs().sum(dim=1))

total = nn.CosineEmbeddingLoss(margin=0.5, reduction="sum")(predicted, labels_emb,
                                                          torch.tensor([1, -1, -1, 1]))
print(total, total.grad_fn, total.grad_fn.next_functions[0][0])
