# PyTorch tutorial "Word Embeddings" exercise: Continuous Bag-of-Words, the embeddings of the
# context words summed, trained for a few epochs on the tutorial's paragraph.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
CONTEXT_SIZE = 2
PARAGRAPH = """We are about to study the idea of a computational process.
Computational processes are abstract beings that inhabit computers.
As they evolve, processes manipulate other abstract things called data."""
raw_text = PARAGRAPH.split()
vocab = sorted(set(raw_text))
word_to_ix = {word: i for i, word in enumerate(vocab)}
data = []
for i in range(CONTEXT_SIZE, len(raw_text) - CONTEXT_SIZE):
    context = [raw_text[i - 2], raw_text[i - 1], raw_text[i + 1], raw_text[i + 2]]
    data.append((context, raw_text[i]))
print(data[:2])


class CBOW(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim)
        self.out = nn.Linear(dim, vocab_size)

    def forward(self, idx):
        return F.log_softmax(self.out(self.emb(idx).sum(dim=0, keepdim=True)), dim=1)


def make_context_vector(context, word_to_ix):
    return torch.tensor([word_to_ix[w] for w in context], dtype=torch.long)


model = CBOW(len(vocab), 8)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for epoch in range(4):
    total = 0.0
    for context, target in data:
        loss = F.nll_loss(model(make_context_vector(context, word_to_ix)),
                          torch.tensor([word_to_ix[target]]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    print(epoch, round(total, 3))
