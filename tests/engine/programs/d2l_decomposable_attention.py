# d2l.ai, "Natural Language Inference: Using Attention" (d2l.ai/chapter_natural-language-
# processing-applications/natural-language-inference-attention.html): mlp, Attend (soft
# alignment with bmm and softmax both ways), Compare, Aggregate, DecomposableAttention, the
# train_ch13 step with CrossEntropyLoss(reduction="none") summed, and predict_snli, as written
# there. SNLI and GloVe are replaced by a 12-word vocabulary with random sentence pairs and
# random embeddings; embed_size 16 and num_hiddens 32 instead of 100 and 200.
# ruff: noqa: SIM905, UP008 - the source's own style
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)


def mlp(num_inputs, num_hiddens, flatten):
    net = []
    net.append(nn.Dropout(0.2))
    net.append(nn.Linear(num_inputs, num_hiddens))
    net.append(nn.ReLU())
    if flatten:
        net.append(nn.Flatten(start_dim=1))
    net.append(nn.Dropout(0.2))
    net.append(nn.Linear(num_hiddens, num_hiddens))
    net.append(nn.ReLU())
    if flatten:
        net.append(nn.Flatten(start_dim=1))
    return nn.Sequential(*net)


class Attend(nn.Module):
    def __init__(self, num_inputs, num_hiddens, **kwargs):
        super(Attend, self).__init__(**kwargs)
        self.f = mlp(num_inputs, num_hiddens, flatten=False)

    def forward(self, A, B):
        # Shape of `A`/`B`: (`batch_size`, no. of tokens in sequence A/B,
        # `embed_size`)
        # Shape of `f_A`/`f_B`: (`batch_size`, no. of tokens in sequence A/B,
        # `num_hiddens`)
        f_A = self.f(A)
        f_B = self.f(B)
        # Shape of `e`: (`batch_size`, no. of tokens in sequence A,
        # no. of tokens in sequence B)
        e = torch.bmm(f_A, f_B.permute(0, 2, 1))
        # Shape of `beta`: (`batch_size`, no. of tokens in sequence A,
        # `embed_size`), where sequence B is softly aligned with each token
        # (axis 1 of `beta`) in sequence A
        beta = torch.bmm(F.softmax(e, dim=-1), B)
        # Shape of `alpha`: (`batch_size`, no. of tokens in sequence B,
        # `embed_size`), where sequence A is softly aligned with each token
        # (axis 1 of `alpha`) in sequence B
        alpha = torch.bmm(F.softmax(e.permute(0, 2, 1), dim=-1), A)
        return beta, alpha


class Compare(nn.Module):
    def __init__(self, num_inputs, num_hiddens, **kwargs):
        super(Compare, self).__init__(**kwargs)
        self.g = mlp(num_inputs, num_hiddens, flatten=False)

    def forward(self, A, B, beta, alpha):
        V_A = self.g(torch.cat([A, beta], dim=2))
        V_B = self.g(torch.cat([B, alpha], dim=2))
        return V_A, V_B


class Aggregate(nn.Module):
    def __init__(self, num_inputs, num_hiddens, num_outputs, **kwargs):
        super(Aggregate, self).__init__(**kwargs)
        self.h = mlp(num_inputs, num_hiddens, flatten=True)
        self.linear = nn.Linear(num_hiddens, num_outputs)

    def forward(self, V_A, V_B):
        # Sum up both sets of comparison vectors
        V_A = V_A.sum(dim=1)
        V_B = V_B.sum(dim=1)
        # Feed the concatenation of both summarization results into an MLP
        Y_hat = self.linear(self.h(torch.cat([V_A, V_B], dim=1)))
        return Y_hat


class DecomposableAttention(nn.Module):
    def __init__(self, vocab, embed_size, num_hiddens, num_inputs_attend=100,
                 num_inputs_compare=200, num_inputs_agg=400, **kwargs):
        super(DecomposableAttention, self).__init__(**kwargs)
        self.embedding = nn.Embedding(len(vocab), embed_size)
        self.attend = Attend(num_inputs_attend, num_hiddens)
        self.compare = Compare(num_inputs_compare, num_hiddens)
        # There are 3 possible outputs: entailment, contradiction, and neutral
        self.aggregate = Aggregate(num_inputs_agg, num_hiddens, num_outputs=3)

    def forward(self, X):
        premises, hypotheses = X
        A = self.embedding(premises)
        B = self.embedding(hypotheses)
        beta, alpha = self.attend(A, B)
        V_A, V_B = self.compare(A, B, beta, alpha)
        Y_hat = self.aggregate(V_A, V_B)
        return Y_hat


class Vocab:
    def __init__(self, tokens):
        self.idx_to_token = ['<unk>', '<pad>'] + tokens
        self.token_to_idx = {t: i for i, t in enumerate(self.idx_to_token)}

    def __len__(self):
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        if not isinstance(tokens, (list, tuple)):
            return self.token_to_idx.get(tokens, 0)
        return [self.__getitem__(token) for token in tokens]


vocab = Vocab('a man woman is are sleeping running dog cat the'.split())
embed_size, num_hiddens = 16, 32
net = DecomposableAttention(vocab, embed_size, num_hiddens, num_inputs_attend=16,
                            num_inputs_compare=32, num_inputs_agg=64)
print(net.aggregate)

premises = torch.randint(2, len(vocab), (16, 6))
hypotheses = torch.randint(2, len(vocab), (16, 6))
labels = torch.randint(0, 3, (16,))
lr, num_epochs = 0.001, 4
trainer = torch.optim.Adam(net.parameters(), lr=lr)
loss = nn.CrossEntropyLoss(reduction="none")
for epoch in range(num_epochs):
    net.train()
    for i in range(0, 16, 4):
        X = [premises[i:i + 4], hypotheses[i:i + 4]]
        y = labels[i:i + 4]
        trainer.zero_grad()
        pred = net(X)
        l = loss(pred, y)
        l.sum().backward()
        trainer.step()
    net.eval()
    with torch.no_grad():
        acc = (net([premises, hypotheses]).argmax(dim=1) == labels).float().mean()
    print(f'epoch {epoch + 1}, loss {l.sum().item():.4f}, train acc {acc.item():.3f}')


def predict_snli(net, vocab, premise, hypothesis):
    """Predict the logical relationship between the premise and hypothesis."""
    net.eval()
    premise = torch.tensor(vocab[premise])
    hypothesis = torch.tensor(vocab[hypothesis])
    label = torch.argmax(net([premise.reshape((1, -1)),
                              hypothesis.reshape((1, -1))]), dim=1)
    return 'entailment' if label == 0 else 'contradiction' if label == 1 \
        else 'neutral'


print(predict_snli(net, vocab, ['he', 'is', 'good', '.'], ['he', 'is', 'bad', '.']))
print(predict_snli(net, vocab, ['a', 'man', 'is', 'sleeping'], ['a', 'dog', 'is', 'running']))
A = net.embedding(premises[:2])
B = net.embedding(hypotheses[:2])
beta, alpha = net.attend(A, B)
print(beta.shape, alpha.shape, beta[0, 0, :4])
print(net.embedding.weight.grad[:3, :4])
