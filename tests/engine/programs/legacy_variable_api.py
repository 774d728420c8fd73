# Pre-0.4 tutorials: Variable, typed constructors (FloatTensor ...), .data updates, .type().
import torch
from torch.autograd import Variable

dtype = torch.FloatTensor
torch.manual_seed(0)
x = Variable(torch.randn(4, 3).type(dtype), requires_grad=False)
y = Variable(torch.randn(4, 2).type(dtype), requires_grad=False)
w1 = Variable(torch.randn(3, 2).type(dtype), requires_grad=True)
print(type(w1).__name__, w1.is_leaf, isinstance(w1, torch.FloatTensor), isinstance(w1, dtype))
for t in range(3):
    y_pred = x.mm(w1).clamp(min=0)
    loss = (y_pred - y).pow(2).sum()
    print(t, round(loss.item(), 4))
    loss.backward()
    w1.data -= 1e-2 * w1.grad.data
    w1.grad.data.zero_()
print(w1)
print(torch.FloatTensor([1, 2]), torch.LongTensor([1.7, -2.2]), torch.DoubleTensor(2).shape)
print(torch.ByteTensor([1, 0]).dtype, torch.BoolTensor([1, 0]), torch.IntTensor([3]).type())
print(torch.randn(2, 2).type(torch.DoubleTensor).dtype, torch.zeros(2).type(torch.LongTensor))
print(isinstance(torch.ones(2), torch.LongTensor), torch.FloatTensor)
