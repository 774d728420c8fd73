# PyTorch tutorial "Sequence Models and Long Short-Term Memory Networks" (beginner/nlp/
# sequence_models_tutorial.html), "LSTMs in Pytorch": stepping through a sequence one element at
# a time, then the whole sequence at once, with the same initial state.
import torch
from torch import nn

torch.manual_seed(1)
lstm = nn.LSTM(3, 3)
inputs = [torch.randn(1, 3) for _ in range(5)]
hidden = (torch.randn(1, 1, 3), torch.randn(1, 1, 3))
for i in inputs:
    out, hidden = lstm(i.view(1, 1, -1), hidden)
print(out)
print(hidden)
inputs = torch.cat(inputs).view(len(inputs), 1, -1)
hidden = (torch.randn(1, 1, 3), torch.randn(1, 1, 3))
out, hidden = lstm(inputs, hidden)
print(out)
print(hidden)
