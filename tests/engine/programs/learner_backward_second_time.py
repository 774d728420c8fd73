# A learner's notebook on "Trying to backward through the graph a second time"
# (github.com/zhangyu2234/Deep-learning-by-hand): the training labels Y were computed from
# true_W and true_b that require grad, so every loss shares Y's graph and the second batch's
# backward fails; the notebook's fix detaches Y. Its utils (relu, loss, sgd, DataLoader) are
# written out in d2l's style; 400 samples instead of 4000.
import torch

torch.manual_seed(0)
# Randomly generate our training samples and train labels
num_samples = 400
num_features = 2
num_hiddens = 2
# train samples
X = torch.randn((num_samples, num_features), dtype=torch.float32)
true_W = torch.randn((num_hiddens, 1), requires_grad=True, dtype=torch.float32)
true_b = torch.randn(1, requires_grad=True, dtype=torch.float32)
Y = torch.mm(X, true_W) + true_b
print(X[:5], Y[:5], true_W, true_b)


def relu(x):
    return torch.max(x, torch.zeros_like(x))


def loss(y_hat, y):
    return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).sum()


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def DataLoader(X, Y, batch_size, shuffle=True):
    indices = torch.randperm(len(X)) if shuffle else torch.arange(len(X))
    for i in range(0, len(X), batch_size):
        batch = indices[i:i + batch_size]
        yield X[batch], Y[batch]


# fc
def fc(x, w, b):
    return relu(torch.mm(x, w) + b)


# Randomly generate W and b and attach gradients
W = torch.normal(0, 0.01, size=(num_hiddens, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
batch_size = 20
lr = 0.01
num_epochs = 20

try:
    for epoch in range(num_epochs):
        for x, y in DataLoader(X, Y, batch_size, shuffle=True):
            l = loss(fc(x, W, b), y)
            l.backward()
            sgd([W, b], lr, batch_size)
        if (epoch + 1) % 5 == 0:
            print(epoch + 1, l.item())
except RuntimeError as e:
    print("RuntimeError:", str(e).split(". ")[0])
    print(true_W.grad, true_b.grad, W.grad)

# The fix: the labels are data, not part of the model's graph.
Y = Y.detach()
print(Y.requires_grad, Y.grad_fn)
W = torch.normal(0, 0.01, size=(num_hiddens, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for epoch in range(num_epochs):
    for x, y in DataLoader(X, Y, batch_size, shuffle=True):
        l = loss(fc(x, W, b), y)
        l.backward()
        sgd([W, b], lr, batch_size)
    if (epoch + 1) % 5 == 0:
        print(f"epoch {epoch + 1}, loss {float(loss(fc(X, W, b), Y) / num_samples):f}")
print(W, b)
