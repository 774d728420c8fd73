# University of Stuttgart, IMS Digital Phonetics, deep learning course, "Gradients"
# (github.com/DigitalPhonetics/deep-learning-course, PyTorch_1/2_gradients.ipynb):
# requires_grad, retain_grad on an intermediate z, the in-place write into a leaf that
# requires grad (which the notebook warns about: here the error it raises is printed), the
# re-assignment that works instead, view, and gradients that accumulate over two backward calls.
# ruff: noqa: E501 - the source's own style
import torch

a = torch.tensor([1.0, 2.0, 3.0])
print(a.requires_grad)

x = torch.tensor([1.0], requires_grad=True)
y = torch.tensor([2.0], requires_grad=True)
print("x =", x)
print("y =", y)
z = x * 3 + y + 2
print("z = x * 3 + y + 2 =", z)
u = z * z
print("u = z * z =", u)

z.retain_grad()  # keeps gradient info for z instead of only for the leave nodes x,y
# backward pass from u
u.backward()
print("du/dz =", z.grad)  # du/dz
print("du/dx =", x.grad)  # du/dx
print("du/dy =", y.grad)  # du/dy

try:
    u.backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(".")[0])

bad = torch.zeros(2, 2, requires_grad=True)
try:
    bad[0, 0] = 1.0  # in-place modification
except RuntimeError as e:
    print("RuntimeError:", e)

good = torch.zeros(2, 2, requires_grad=True)
good = good + torch.eye(2)  # re-assignment: new tensor is created, but you loose access to original tensor `good`
good.retain_grad()  # only to be able to access `grad` attribute later; by default, `grad` is not stored for intermediate tensors
print(good)

# create a 1D tensor with values 0,1,2,...,15
tensor_1d = torch.tensor(range(16))
print(tensor_1d)

# view tensor as 4x4 tensor
tensor_2d = tensor_1d.view(4, 4)
print(tensor_2d)

# view tensor as vector of length 16
tensor_2d_as_1d = tensor_2d.view(-1)  # -1 means "infer this dimension"
print(tensor_2d_as_1d)

good_loss = good.view(-1).sum(dim=0)  # flatten tensor first, then sum all values
print(good_loss)
good_loss = good.sum()  # equivalent to above
print(good_loss)

good_loss.backward()  # success -> gradients computed
print(good.grad)  # the computed gradient for tensor `good`

try:
    good_loss.backward()  # compute gradients again
    print(good.grad)
except RuntimeError as e:
    print("RuntimeError:", str(e).split(".")[0])
good_loss = good.sum()
good_loss.backward()
print(good.grad)
