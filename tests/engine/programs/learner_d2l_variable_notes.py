# A learner's annotated copy of d2l's autograd section (github.com/StevenJokess/d2l-en-read),
# trying the old Variable API beside requires_grad_: detach() then Variable(u,
# requires_grad=True), clone(), comparing x.grad == u.grad and x.grad is u.grad, and the two
# mistakes the notebook records: calling x.requires_grad() and x.copy().
import torch
from torch.autograd import Variable

x = torch.arange(4.0, requires_grad=True)
try:
    x.requires_grad()
except TypeError as e:
    print(type(e).__name__, e)
y = x * x
y.backward(torch.ones(y.size()))
print(x.grad)

u = x.detach()
u = torch.autograd.Variable(u, requires_grad=True)
v = u * u
v.backward(torch.ones(v.size()))
print(x.grad == u.grad)
print(x.grad is u.grad)
print(u.is_leaf, u.requires_grad, type(u).__name__)

u = x.clone()
print(u.is_leaf, u.requires_grad, u.grad_fn)
try:
    u.requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
u = x.clone().detach().requires_grad_()
v = u * u
v.backward(torch.ones(v.size()))
print(x.grad == u.grad, x.grad is u.grad)
try:
    u = x.copy()
except AttributeError as e:
    print(type(e).__name__, e)

# Variable of a non-tensor, and requires_grad on an integer tensor.
try:
    Variable([1.0, 2.0])
except TypeError as e:
    print(type(e).__name__, e)
try:
    torch.arange(4, requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    w = x * 2
print(w.requires_grad, Variable(w, requires_grad=True).requires_grad)
