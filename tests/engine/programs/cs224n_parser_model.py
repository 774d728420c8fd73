# CS224n assignment 3 (web.stanford.edu/class/cs224n/, a3/parser_model.py and run.py): the
# ParserModel with its embeddings as a Parameter, xavier_uniform_ / uniform_ initialised
# weight matrices, embedding_lookup with index_select, forward with matmul, dropout and the
# logits, the file's check_embedding / check_forward, and train_for_epoch's Adam +
# CrossEntropyLoss step (labels from one-hot rows with nonzero), written as students'
# solutions usually are; the Penn Treebank features are replaced by seeded random ids.
# ruff: noqa: PLR0402, UP008 - the source's own style
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ParserModel(nn.Module):
    def __init__(self, embeddings, n_features=36,
                 hidden_size=200, n_classes=3, dropout_prob=0.5):
        super(ParserModel, self).__init__()
        self.n_features = n_features
        self.n_classes = n_classes
        self.dropout_prob = dropout_prob
        self.embed_size = embeddings.shape[1]
        self.hidden_size = hidden_size
        self.embeddings = nn.Parameter(torch.tensor(embeddings))

        self.embed_to_hidden_weight = nn.Parameter(
            torch.empty(self.n_features * self.embed_size, self.hidden_size))
        nn.init.xavier_uniform_(self.embed_to_hidden_weight)
        self.embed_to_hidden_bias = nn.Parameter(torch.empty(self.hidden_size))
        nn.init.uniform_(self.embed_to_hidden_bias)
        self.dropout = nn.Dropout(p=self.dropout_prob)
        self.hidden_to_logits_weight = nn.Parameter(torch.empty(self.hidden_size, self.n_classes))
        nn.init.xavier_uniform_(self.hidden_to_logits_weight)
        self.hidden_to_logits_bias = nn.Parameter(torch.empty(self.n_classes))
        nn.init.uniform_(self.hidden_to_logits_bias)

    def embedding_lookup(self, w):
        x = torch.index_select(self.embeddings, 0, w.view(-1)).view(w.shape[0], -1)
        return x

    def forward(self, w):
        x = self.embedding_lookup(w)
        h = F.relu(torch.matmul(x, self.embed_to_hidden_weight) + self.embed_to_hidden_bias)
        logits = torch.matmul(self.dropout(h), self.hidden_to_logits_weight) + \
            self.hidden_to_logits_bias
        return logits


torch.manual_seed(0)
embeddings = np.zeros((100, 30), dtype=np.float32)
model = ParserModel(embeddings)


def check_embedding():
    inds = torch.randint(0, 100, (4, 36), dtype=torch.long)
    selected = model.embedding_lookup(inds)
    assert np.all(selected.data.numpy() == 0), "The result of embedding lookup: " \
        + repr(selected) + " contains non-zero elements."


def check_forward():
    inputs = torch.randint(0, 100, (4, 36), dtype=torch.long)
    out = model(inputs)
    expected_out_shape = (4, 3)
    assert out.shape == expected_out_shape, "The result shape of forward is: " + repr(out.shape) + \
        " which doesn't match expected " + repr(expected_out_shape)


check_embedding()
print("Embedding_lookup sanity check passes!")
check_forward()
print("Forward sanity check passes!")
print([(name, tuple(p.shape)) for name, p in model.named_parameters()])

rng = np.random.RandomState(224)
model = ParserModel(rng.randn(60, 8).astype(np.float32), n_features=6, hidden_size=20)
optimizer = torch.optim.Adam(model.parameters(), lr=0.0005)
loss_func = nn.CrossEntropyLoss()
model.train()
for i in range(5):
    train_x = rng.randint(0, 60, size=(16, 6))
    train_y = np.eye(3)[rng.randint(0, 3, size=16)]
    optimizer.zero_grad()   # remove any baggage in the optimizer
    train_x = torch.from_numpy(train_x).long()
    train_y = torch.from_numpy(train_y.nonzero()[1]).long()
    logits = model(train_x)
    loss = loss_func(logits, train_y)
    loss.backward()
    optimizer.step()
    print(i, round(loss.item(), 5), int((model.embeddings.grad.abs().sum(1) > 0).sum()))

model.eval()
with torch.no_grad():
    pred = model(torch.from_numpy(rng.randint(0, 60, size=(4, 6))).long())
print(pred.argmax(-1), pred)
