# d2l.ai, "Sentiment Analysis: Using Recurrent Neural Networks" and "Sentiment Analysis: Using
# Convolutional Neural Networks" (d2l.ai/chapter_natural-language-processing-applications/
# sentiment-analysis-rnn.html, sentiment-analysis-cnn.html): BiRNN with its init_weights over
# the LSTM's _flat_weights_names, corr1d and corr1d_multi_in, TextCNN (two embeddings, one
# frozen, Conv1d per kernel size, max-over-time pooling as AdaptiveAvgPool1d(1)), the
# train_ch13 step and predict_sentiment, as written there. IMDb and GloVe are replaced by a toy
# vocabulary, random reviews and random embeddings; embed size 16, 8 channels per kernel.
# ruff: noqa: SIM905, UP008, UP034 - the source's own style
import torch
from torch import nn

torch.manual_seed(0)


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


vocab = Vocab('this movie is so great bad awful fine plot actors the a'.split())
reviews = torch.randint(2, len(vocab), (12, 8))
labels = torch.randint(0, 2, (12,))
embeds = torch.randn(len(vocab), 16)


class BiRNN(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens,
                 num_layers, **kwargs):
        super(BiRNN, self).__init__(**kwargs)
        self.embedding = nn.Embedding(vocab_size, embed_size)
        # Set `bidirectional` to True to get a bidirectional RNN
        self.encoder = nn.LSTM(embed_size, num_hiddens, num_layers=num_layers,
                               bidirectional=True)
        self.decoder = nn.Linear(4 * num_hiddens, 2)

    def forward(self, inputs):
        # The shape of `inputs` is (batch size, no. of time steps). Because
        # LSTM requires its input's first dimension to be the temporal
        # dimension, the input is transposed before obtaining token
        # representations. The output shape is (no. of time steps, batch size,
        # word vector dimension)
        embeddings = self.embedding(inputs.T)
        self.encoder.flatten_parameters()
        # Returns hidden states of the last hidden layer at different time
        # steps. The shape of `outputs` is (no. of time steps, batch size,
        # 2 * no. of hidden units)
        outputs, _ = self.encoder(embeddings)
        # Concatenate the hidden states at the initial and final time steps as
        # the input of the fully connected layer. Its shape is (batch size,
        # 4 * no. of hidden units)
        encoding = torch.cat((outputs[0], outputs[-1]), dim=1)
        outs = self.decoder(encoding)
        return outs


def init_weights_rnn(module):
    if type(module) == nn.Linear:
        nn.init.xavier_uniform_(module.weight)
    if type(module) == nn.LSTM:
        for param in module._flat_weights_names:
            if "weight" in param:
                nn.init.xavier_uniform_(module._parameters[param])


def corr1d(X, K):
    w = K.shape[0]
    Y = torch.zeros((X.shape[0] - w + 1))
    for i in range(Y.shape[0]):
        Y[i] = (X[i: i + w] * K).sum()
    return Y


X, K = torch.tensor([0, 1, 2, 3, 4, 5, 6]), torch.tensor([1, 2])
print(corr1d(X, K))


def corr1d_multi_in(X, K):
    # First, iterate through the 0th dimension (channel dimension) of `X` and
    # `K`. Then, add them together
    return sum(corr1d(x, k) for x, k in zip(X, K))


X = torch.tensor([[0, 1, 2, 3, 4, 5, 6],
                  [1, 2, 3, 4, 5, 6, 7],
                  [2, 3, 4, 5, 6, 7, 8]])
K = torch.tensor([[1, 2], [3, 4], [-1, -3]])
print(corr1d_multi_in(X, K))


class TextCNN(nn.Module):
    def __init__(self, vocab_size, embed_size, kernel_sizes, num_channels,
                 **kwargs):
        super(TextCNN, self).__init__(**kwargs)
        self.embedding = nn.Embedding(vocab_size, embed_size)
        # The embedding layer not to be trained
        self.constant_embedding = nn.Embedding(vocab_size, embed_size)
        self.dropout = nn.Dropout(0.5)
        self.decoder = nn.Linear(sum(num_channels), 2)
        # The max-over-time pooling layer has no parameters, so this instance
        # can be shared
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.relu = nn.ReLU()
        # Create multiple one-dimensional convolutional layers
        self.convs = nn.ModuleList()
        for c, k in zip(num_channels, kernel_sizes):
            self.convs.append(nn.Conv1d(2 * embed_size, c, k))

    def forward(self, inputs):
        # Concatenate two embedding layer outputs with shape (batch size, no.
        # of tokens, token vector dimension) along vectors
        embeddings = torch.cat((
            self.embedding(inputs), self.constant_embedding(inputs)), dim=2)
        # Per the input format of one-dimensional convolutional layers,
        # rearrange the tensor so that the second dimension stores channels
        embeddings = embeddings.permute(0, 2, 1)
        # For each one-dimensional convolutional layer, after max-over-time
        # pooling, a tensor of shape (batch size, no. of channels, 1) is
        # obtained. Remove the last dimension and concatenate along channels
        encoding = torch.cat([
            torch.squeeze(self.relu(self.pool(conv(embeddings))), dim=-1)
            for conv in self.convs], dim=1)
        outputs = self.decoder(self.dropout(encoding))
        return outputs


def init_weights_cnn(module):
    if type(module) in (nn.Linear, nn.Conv1d):
        nn.init.xavier_uniform_(module.weight)


def predict_sentiment(net, vocab, sequence):
    """Predict the sentiment of a text sequence."""
    sequence = torch.tensor(vocab[sequence.split()])
    label = torch.argmax(net(sequence.reshape(1, -1)), dim=1)
    return 'positive' if label == 1 else 'negative'


embed_size, num_hiddens, num_layers = 16, 10, 2
birnn = BiRNN(len(vocab), embed_size, num_hiddens, num_layers)
birnn.apply(init_weights_rnn)
birnn.embedding.weight.data.copy_(embeds)
birnn.embedding.weight.requires_grad = False

embed_size, kernel_sizes, nums_channels = 16, [3, 4, 5], [8, 8, 8]
textcnn = TextCNN(len(vocab), embed_size, kernel_sizes, nums_channels)
textcnn.apply(init_weights_cnn)
textcnn.embedding.weight.data.copy_(embeds)
textcnn.constant_embedding.weight.data.copy_(embeds)
textcnn.constant_embedding.weight.requires_grad = False
print(textcnn.pool, textcnn.convs)

loss = nn.CrossEntropyLoss(reduction="none")
for name, net in [("birnn", birnn), ("textcnn", textcnn)]:
    trainer = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=0.01)
    for epoch in range(3):
        net.train()
        for i in range(0, 12, 4):
            X, y = reviews[i:i + 4], labels[i:i + 4]
            trainer.zero_grad()
            pred = net(X)
            l = loss(pred, y)
            l.sum().backward()
            trainer.step()
        net.eval()
        with torch.no_grad():
            acc = (net(reviews).argmax(dim=1) == labels).float().mean().item()
        print(f'{name} epoch {epoch + 1}, loss {l.sum().item():.4f}, train acc {acc:.3f}')
    print(predict_sentiment(net, vocab, 'this movie is so great'),
          predict_sentiment(net, vocab, 'this movie is so bad'))
print(birnn.encoder._flat_weights_names[:4], birnn.embedding.weight.grad)
print(textcnn.convs[0].weight.grad.shape, textcnn.constant_embedding.weight.grad)
