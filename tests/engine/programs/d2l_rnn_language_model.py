# d2l.ai, "Concise Implementation of Recurrent Neural Networks": an RNN language model over
# one-hot characters with an output layer, trained a few steps with gradient clipping.
import torch
from torch import nn
from torch.nn import functional as F

torch.manual_seed(0)
text = "the time machine by h g wells the time traveller for so it will be convenient"
vocab = sorted(set(text))
idx = torch.tensor([vocab.index(c) for c in text])
num_steps, V, H = 10, len(vocab), 16
X = torch.stack([idx[i:i + num_steps] for i in range(0, 40, 10)], dim=1)
Y = torch.stack([idx[i + 1:i + 1 + num_steps] for i in range(0, 40, 10)], dim=1)


class RNNLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(V, H)
        self.linear = nn.Linear(H, V)

    def forward(self, X, state=None):
        out, state = self.rnn(F.one_hot(X, V).float(), state)
        return self.linear(out.reshape(-1, H)), state


model = RNNLM()
opt = torch.optim.SGD(model.parameters(), lr=1.0)
for step in range(15):
    logits, _ = model(X)
    loss = F.cross_entropy(logits, Y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if step % 5 == 0:
        print(step, round(loss.item(), 4), round(torch.exp(loss).item(), 3))
state = None
prefix = [vocab.index(c) for c in "the "]
for c in prefix:
    _, state = model(torch.tensor([[c]]), state)
print(state.shape)
