# fast.ai, "Deep Learning for Coders" (fastbook), chapter 17 "A Neural Net from the
# Foundations" (github.com/fastai/fastbook/blob/master/17_foundations.ipynb): a two-layer
# network with hand-written forward and backward (mse_grad, relu_grad, lin_grad storing .g on
# the tensors), refactored into Relu, Lin and Mse layer classes and LayerFunction, then the
# same with torch.autograd.Function (MyRelu) and nn.Module (LinearLayer); the hand-written
# gradients are checked against autograd's, as the fastai part 2 course does.
# ruff: noqa: F811, TRY002, UP039 - the source's own style
from math import sqrt

import torch
from torch import nn
from torch.autograd import Function

torch.manual_seed(42)


def lin(x, w, b): return x @ w + b


x = torch.randn(200, 100)
y = torch.randn(200)
w1 = torch.randn(100, 50)
b1 = torch.zeros(50)
w2 = torch.randn(50, 1)
b2 = torch.zeros(1)
l1 = lin(x, w1, b1)
print(l1.shape)
print(l1.mean(), l1.std())

w1 = torch.randn(100, 50) / sqrt(100)
l1 = lin(x, w1, b1)
print(l1.mean(), l1.std())


def relu(x): return x.clamp_min(0.)


l2 = relu(l1)
print(l2.mean(), l2.std())
w1 = torch.randn(100, 50) * sqrt(2 / 100)
l1 = lin(x, w1, b1)
l2 = relu(l1)
print(l2.mean(), l2.std())
w2 = torch.randn(50, 1) * sqrt(2 / 50)


def model(x):
    l1 = lin(x, w1, b1)
    l2 = relu(l1)
    l3 = lin(l2, w2, b2)
    return l3


out = model(x)
print(out.shape)


def mse(output, targ): return (output.squeeze(-1) - targ).pow(2).mean()


loss = mse(out, y)
print(loss)


def mse_grad(inp, targ):
    # grad of loss with respect to output of previous layer
    inp.g = 2. * (inp.squeeze() - targ).unsqueeze(-1) / inp.shape[0]


def relu_grad(inp, out):
    # grad of relu with respect to input activations
    inp.g = (inp > 0).float() * out.g


def lin_grad(inp, out, w, b):
    # grad of matmul with respect to input
    inp.g = out.g @ w.t()
    w.g = inp.t() @ out.g
    b.g = out.g.sum(0)


def forward_and_backward(inp, targ):
    # forward pass:
    l1 = inp @ w1 + b1
    l2 = relu(l1)
    out = l2 @ w2 + b2
    # we don't actually need the loss in backward!
    loss = mse(out, targ)

    # backward pass:
    mse_grad(out, targ)
    lin_grad(l2, out, w2, b2)
    relu_grad(l1, l2)
    lin_grad(inp, l1, w1, b1)
    return loss


forward_and_backward(x, y)
print(w1.g.shape, w1.g.abs().sum(), b1.g[:4], w2.g[:3, 0], b2.g, x.g.std())
grads = [t.g.clone() for t in (x, w1, b1, w2, b2)]

# the same gradients from autograd
for t in (x, w1, b1, w2, b2):
    t.requires_grad_()
loss = mse(model(x), y)
loss.backward()
print([torch.allclose(g, t.grad, rtol=1e-3, atol=1e-5) for g, t in zip(grads, (x, w1, b1, w2, b2))])
x, w1, b1, w2, b2 = (t.detach() for t in (x, w1, b1, w2, b2))


class Relu():
    def __call__(self, inp):
        self.inp = inp
        self.out = inp.clamp_min(0.)
        return self.out

    def backward(self): self.inp.g = (self.inp > 0).float() * self.out.g


class Lin():
    def __init__(self, w, b): self.w, self.b = w, b

    def __call__(self, inp):
        self.inp = inp
        self.out = inp@self.w + self.b
        return self.out

    def backward(self):
        self.inp.g = self.out.g @ self.w.t()
        self.w.g = self.inp.t() @ self.out.g
        self.b.g = self.out.g.sum(0)


class Mse():
    def __call__(self, inp, targ):
        self.inp = inp
        self.targ = targ
        self.out = (inp.squeeze() - targ).pow(2).mean()
        return self.out

    def backward(self):
        x = (self.inp.squeeze()-self.targ).unsqueeze(-1)
        self.inp.g = 2.*x/self.targ.shape[0]


class Model():
    def __init__(self, w1, b1, w2, b2):
        self.layers = [Lin(w1, b1), Relu(), Lin(w2, b2)]
        self.loss = Mse()

    def __call__(self, x, targ):
        for l in self.layers: x = l(x)
        return self.loss(x, targ)

    def backward(self):
        self.loss.backward()
        for l in reversed(self.layers): l.backward()


model = Model(w1, b1, w2, b2)
loss = model(x, y)
model.backward()
print(loss, w1.g.abs().sum(), torch.allclose(w1.g, grads[1], rtol=1e-3, atol=1e-5))


class LayerFunction():
    def __call__(self, *args):
        self.args = args
        self.out = self.forward(*args)
        return self.out

    def forward(self): raise Exception('not implemented')
    def bwd(self): raise Exception('not implemented')
    def backward(self): self.bwd(self.out, *self.args)


class Relu(LayerFunction):
    def forward(self, inp): return inp.clamp_min(0.)
    def bwd(self, out, inp): inp.g = (inp > 0).float() * out.g


class Lin(LayerFunction):
    def __init__(self, w, b): self.w, self.b = w, b
    def forward(self, inp): return inp@self.w + self.b

    def bwd(self, out, inp):
        inp.g = out.g @ self.w.t()
        self.w.g = inp.t() @ self.out.g
        self.b.g = out.g.sum(0)


class Mse(LayerFunction):
    def forward(self, inp, targ): return (inp.squeeze() - targ).pow(2).mean()

    def bwd(self, out, inp, targ):
        inp.g = 2*(inp.squeeze()-targ).unsqueeze(-1) / targ.shape[0]


model = Model(w1, b1, w2, b2)
loss = model(x, y)
model.backward()
print(loss, b2.g)


class MyRelu(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.clamp_min(0.)
        ctx.save_for_backward(i)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        i, = ctx.saved_tensors
        return grad_output * (i > 0).float()


xr = torch.randn(5, requires_grad=True)
out = MyRelu.apply(xr)
out.sum().backward()
print(out, xr.grad, out.grad_fn)


class LinearLayer(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_out, n_in) * sqrt(2/n_in))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x): return x @ self.weight.t() + self.bias


lin = LinearLayer(10, 2)
p1, p2 = lin.parameters()
print(p1.shape, p2.shape)


class Model(nn.Module):
    def __init__(self, n_in, nh, n_out):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(n_in, nh), nn.ReLU(), nn.Linear(nh, n_out))
        self.loss = mse

    def forward(self, x, targ): return self.loss(self.layers(x), targ)


model = Model(100, 50, 1)
loss = model(x, y)
loss.backward()
print(loss, model.layers[0].weight.grad.abs().sum(), model.layers[2].bias.grad)
