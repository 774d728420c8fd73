# d2l.ai-style softmax regression from scratch on random data: softmax, cross-entropy, accuracy.
import torch


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


def accuracy(y_hat, y):
    y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


torch.manual_seed(0)
X = torch.normal(0, 1, (2, 5))
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])
print(cross_entropy(y_hat, y))
print(accuracy(y_hat, y) / len(y))
features = torch.randn(60, 4)
labels = (features[:, 0] > 0).long() + (features[:, 1] > 0.5).long()
W = torch.normal(0, 0.01, size=(4, 3), requires_grad=True)
b = torch.zeros(3, requires_grad=True)
for epoch in range(20):
    y_hat = softmax(features @ W + b)
    loss = cross_entropy(y_hat, labels).mean()
    loss.backward()
    with torch.no_grad():
        W -= 0.5 * W.grad
        b -= 0.5 * b.grad
        W.grad.zero_()
        b.grad.zero_()
    if epoch % 5 == 4:
        print(epoch + 1, round(loss.item(), 4), accuracy(y_hat, labels) / len(labels))
print(loss.grad_fn, y_hat.grad_fn)
