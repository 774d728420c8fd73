# PyTorch tutorial "NLP From Scratch: Classifying Names with a Character-Level RNN"
# (intermediate/char_rnn_classification_tutorial.html): one-hot letters through nn.RNN, the last
# hidden state classified; a few training steps on a handful of names.
import string

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
all_letters = string.ascii_letters + " .,;'"
n_letters = len(all_letters)


def line_to_tensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][all_letters.find(letter)] = 1
    return tensor


print(line_to_tensor("Jones").size())


class CharRNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size)
        self.h2o = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, line_tensor):
        _, hidden = self.rnn(line_tensor)
        output = self.h2o(hidden[0])
        return self.softmax(output)


names = [("Albert", 0), ("Nguyen", 1), ("Schmidt", 2), ("Satoshi", 3), ("Tran", 1)]
rnn = CharRNN(n_letters, 32, 4)
print(rnn(line_to_tensor("Albert")))
opt = torch.optim.SGD(rnn.parameters(), lr=0.05)
for epoch in range(5):
    total = 0.0
    for name, label in names:
        loss = F.nll_loss(rnn(line_to_tensor(name)), torch.tensor([label]))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(rnn.parameters(), 3)
        opt.step()
        total += loss.item()
    print(epoch, round(total, 4))
print([rnn(line_to_tensor(n)).argmax().item() for n, _ in names])
