# d2l.ai, "Pretraining word2vec" (d2l.ai/chapter_natural-language-processing-pretraining/
# word2vec-pretraining.html): the skip-gram model with two nn.Embedding tables and bmm, the
# masked binary cross-entropy loss (binary_cross_entropy_with_logits with weight=mask), its
# check against the hand formula, training on padded centre/context/negative batches, and
# get_similar_tokens by cosine similarity. The PTB batches are replaced by random ones over a
# 20-word vocabulary.
import math

import torch
from torch import nn

torch.manual_seed(0)
embed = nn.Embedding(num_embeddings=20, embedding_dim=4)
print(f'Parameter embedding_weight ({embed.weight.shape}, '
      f'dtype={embed.weight.dtype})')
x = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(embed(x))


def skip_gram(center, contexts_and_negatives, embed_v, embed_u):
    v = embed_v(center)
    u = embed_u(contexts_and_negatives)
    pred = torch.bmm(v, u.permute(0, 2, 1))
    return pred


print(skip_gram(torch.ones((2, 1), dtype=torch.long),
                torch.ones((2, 4), dtype=torch.long), embed, embed).shape)


class SigmoidBCELoss(nn.Module):
    # Binary cross-entropy loss with masking
    def __init__(self):
        super().__init__()

    def forward(self, inputs, target, mask=None):
        out = nn.functional.binary_cross_entropy_with_logits(
            inputs, target, weight=mask, reduction="none")
        return out.mean(dim=1)


loss = SigmoidBCELoss()
pred = torch.tensor([[1.1, -2.2, 3.3, -4.4]] * 2)
label = torch.tensor([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
print(loss(pred, label, mask) * mask.shape[1] / mask.sum(axis=1))


def sigmd(x):
    return -math.log(1 / (1 + math.exp(-x)))


print(f'{(sigmd(1.1) + sigmd(2.2) + sigmd(-3.3) + sigmd(4.4)) / 4:.4f}')
print(f'{(sigmd(-1.1) + sigmd(-2.2)) / 2:.4f}')

vocab_size, embed_size = 20, 8
net = nn.Sequential(nn.Embedding(num_embeddings=vocab_size, embedding_dim=embed_size),
                    nn.Embedding(num_embeddings=vocab_size, embedding_dim=embed_size))


def random_batch(batch_size=16, max_len=6):
    centers = torch.randint(0, vocab_size, (batch_size, 1))
    lengths = torch.randint(2, max_len + 1, (batch_size,))
    contexts_negatives = torch.randint(0, vocab_size, (batch_size, max_len))
    masks = (torch.arange(max_len).unsqueeze(0) < lengths.unsqueeze(1)).float()
    contexts_negatives = contexts_negatives * masks.long()
    labels = torch.zeros((batch_size, max_len))
    labels[:, :2] = 1
    # neighbours of the centre word are its contexts, so that there is something to learn
    contexts_negatives[:, 0] = (centers[:, 0] + 1) % vocab_size
    contexts_negatives[:, 1] = (centers[:, 0] + 2) % vocab_size
    return centers, contexts_negatives, masks, labels


batches = [random_batch() for _ in range(10)]


def train(net, data_iter, lr, num_epochs):
    def init_weights(module):
        if type(module) == nn.Embedding:
            nn.init.xavier_uniform_(module.weight)
    net.apply(init_weights)
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    for epoch in range(num_epochs):
        metric = [0.0, 0]  # Sum of normalized losses, no. of normalized losses
        for i, batch in enumerate(data_iter):
            optimizer.zero_grad()
            center, context_negative, mask, label = batch
            pred = skip_gram(center, context_negative, net[0], net[1])
            l = (loss(pred.reshape(label.shape).float(), label.float(), mask)
                 / mask.sum(axis=1) * mask.shape[1])
            l.sum().backward()
            optimizer.step()
            metric = [metric[0] + l.sum(), metric[1] + l.numel()]
        print(f'epoch {epoch + 1}, loss {metric[0] / metric[1]:.3f}')


train(net, batches, lr=0.01, num_epochs=5)


def get_similar_tokens(query_token, k, embed):
    W = embed.weight.data
    x = W[query_token]
    # Compute the cosine similarity. Add 1e-9 for numerical stability
    cos = torch.mv(W, x) / torch.sqrt(torch.sum(W * W, dim=1) *
                                      torch.sum(x * x) + 1e-9)
    topk = torch.topk(cos, k=k+1)[1].cpu().numpy().astype('int32')
    for i in topk[1:]:  # Remove the input words
        print(f'cosine sim={float(cos[i]):.3f}: {i}')


get_similar_tokens(3, 3, net[0])
