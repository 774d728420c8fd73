# A learner's word-similarity check (embedding tutorials): cosine similarity between embedding
# rows, nearest neighbours, and the gradient that pulls two embeddings together.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
words = ["king", "queen", "man", "woman", "apple"]
emb = nn.Embedding(len(words), 6)
vectors = emb(torch.arange(len(words)))
sims = F.cosine_similarity(vectors.unsqueeze(1), vectors.unsqueeze(0), dim=-1)
print(sims.detach())
print(sims.detach().fill_diagonal_(-1).argmax(dim=1) if hasattr(sims, "fill_diagonal_")
      else (sims.detach() - 2 * torch.eye(5)).argmax(dim=1))
loss = 1 - F.cosine_similarity(emb(torch.tensor([0])), emb(torch.tensor([1]))).sum()
loss.backward()
print(loss.item())
print(emb.weight.grad[:2])
print(F.pairwise_distance(vectors[:2], vectors[2:4]).detach())
print(nn.CosineSimilarity(dim=0)(vectors[0], vectors[1]).item())
