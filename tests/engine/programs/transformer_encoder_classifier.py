# The nn docs' examples of MultiheadAttention, TransformerEncoderLayer / TransformerEncoder,
# TransformerDecoderLayer and Transformer (docs.pytorch.org/docs/stable/nn.html#transformer-layers,
# sizes shrunk), then a small sequence classifier in the style of the text-classification
# tutorials: embedding, a batch-first pre-norm GELU encoder over right-padded sequences
# (src_key_padding_mask), masked mean pooling and a linear head, trained with Adam, then
# predictions in eval mode under no_grad (PyTorch's fused path). Written for this suite.
import torch
from torch import nn

torch.manual_seed(0)

# nn.MultiheadAttention: the docs' call, attention weights averaged over heads and per head
embed_dim, num_heads = 8, 2
multihead_attn = nn.MultiheadAttention(embed_dim, num_heads)
query = torch.rand(3, 2, embed_dim, requires_grad=True)
key = value = torch.rand(4, 2, embed_dim)
attn_output, attn_output_weights = multihead_attn(query, key, value)
print(multihead_attn)
print(attn_output.shape, attn_output.grad_fn, attn_output_weights.shape)
print(attn_output_weights[0])
_, per_head = multihead_attn(query, key, value, average_attn_weights=False)
print(per_head.shape, per_head.sum(-1))
attn_output.pow(2).sum().backward()
print(query.grad[0])
print(multihead_attn.in_proj_weight.grad.norm(), multihead_attn.out_proj.bias.grad)

# nn.TransformerEncoderLayer and nn.TransformerEncoder
encoder_layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, batch_first=True)
transformer_encoder = nn.TransformerEncoder(encoder_layer, num_layers=2)
src = torch.rand(2, 5, 8)
out = transformer_encoder(src)
print(out.shape, out.grad_fn)
print(out[0, 0])

# nn.TransformerDecoderLayer and nn.Transformer
decoder_layer = nn.TransformerDecoderLayer(d_model=8, nhead=2, dim_feedforward=16)
memory = torch.rand(5, 2, 8)
tgt = torch.rand(4, 2, 8)
print(decoder_layer(tgt, memory).shape)
transformer_model = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1,
                                   num_decoder_layers=1, dim_feedforward=16, dropout=0.0)
tgt_mask = nn.Transformer.generate_square_subsequent_mask(4)
print(tgt_mask)
out = transformer_model(torch.rand(5, 2, 8), tgt, tgt_mask=tgt_mask)
print(out.shape, out[-1, 0])


# a classifier over right-padded token sequences
class EncoderClassifier(nn.Module):
    def __init__(self, vocab_size, d_model, nhead, num_layers, num_classes, pad_idx=0):
        super().__init__()
        self.pad_idx = pad_idx
        self.embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_idx)
        self.pos_embedding = nn.Parameter(torch.randn(1, 16, d_model) * 0.02)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=4 * d_model,
                                           dropout=0.1, activation="gelu", batch_first=True,
                                           norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.head = nn.Linear(d_model, num_classes)

    def forward(self, tokens):
        padding = tokens == self.pad_idx
        x = self.embedding(tokens) + self.pos_embedding[:, :tokens.size(1)]
        x = self.encoder(x, src_key_padding_mask=padding)
        kept = (~padding).unsqueeze(-1).float()
        pooled = (x * kept).sum(1) / kept.sum(1)
        return self.head(pooled)


# label: whether token 1 appears in the sequence
lengths = torch.randint(3, 9, (16,))
tokens = torch.randint(2, 10, (16, 8))
tokens[torch.arange(8)[None, :] >= lengths[:, None]] = 0
has_one = torch.rand(16) < 0.5
tokens[has_one, 0] = 1
labels = has_one.long()
print(tokens[:3], labels[:8])

model = EncoderClassifier(vocab_size=10, d_model=16, nhead=4, num_layers=2, num_classes=2)
print(model.encoder.layers[1])
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
criterion = nn.CrossEntropyLoss()
for step in range(6):
    model.train()
    logits = model(tokens)
    loss = criterion(logits, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    accuracy = (logits.argmax(1) == labels).float().mean()
    print(f"step {step}: loss {loss.item():.4f}, accuracy {accuracy.item():.4f}")
print(model.head.weight.grad.abs().sum(), model.embedding.weight.grad[0])

model.eval()
with torch.no_grad():
    probabilities = model(tokens[:4]).softmax(-1)
print(probabilities)
