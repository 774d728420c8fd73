# d2l.ai, "Sequence-to-Sequence Learning" (chapter_recurrent-modern/seq2seq.html): the GRU
# encoder over embedded tokens (time major), its output and state shapes and values.
import torch
from torch import nn

torch.manual_seed(0)


class Seq2SeqEncoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers, dropout=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size, num_hiddens, num_layers, dropout=dropout)

    def forward(self, X):
        embs = self.embedding(X.t().type(torch.int64))
        outputs, state = self.rnn(embs)
        return outputs, state


vocab_size, embed_size, num_hiddens, num_layers = 10, 8, 16, 2
batch_size, num_steps = 4, 9
encoder = Seq2SeqEncoder(vocab_size, embed_size, num_hiddens, num_layers)
X = torch.zeros((batch_size, num_steps))
enc_outputs, enc_state = encoder(X)
print(enc_outputs.shape, enc_state.shape)
X = torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9]] * 2)
enc_outputs, enc_state = encoder(X)
print(enc_state[:, 0, :4])
enc_state.sum().backward()
print(encoder.embedding.weight.grad[:3, :3])
