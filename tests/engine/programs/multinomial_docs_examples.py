# PyTorch docs, torch.multinomial (pytorch.org/docs/stable/generated/torch.multinomial.html):
# the weights [0, 10, 3, 0] sampled without replacement (never an index of weight 0), the
# error for more samples than categories, and with replacement; then rows of a matrix and a
# temperature-scaled softmax as text-generation code samples it (the char-RNN tutorials).
import torch

torch.manual_seed(0)
weights = torch.tensor([0, 10, 3, 0], dtype=torch.float)  # create a tensor of weights
print(torch.multinomial(weights, 2))
try:
    torch.multinomial(weights, 5)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.multinomial(weights, 4, replacement=True))
print(weights.multinomial(2, replacement=True))

rows = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]], dtype=torch.float64)
print(torch.multinomial(rows, 1))
print(torch.multinomial(rows, 2))
print(torch.multinomial(rows, 6, replacement=True))
counts = torch.bincount(torch.multinomial(rows[0], 1000, replacement=True), minlength=3)
print(counts)

logits = torch.randn(10)
for temperature in (0.5, 1.0, 2.0):
    probs = torch.softmax(logits / temperature, dim=0)
    print(temperature, torch.multinomial(probs, 8, replacement=True).tolist())

g = torch.Generator().manual_seed(42)
print(torch.multinomial(torch.ones(5), 5, generator=g))
print(torch.rand(2, generator=g))
