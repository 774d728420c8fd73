# The older "Learning PyTorch with Examples": a two-layer net with mm, clamp and a custom MyReLU.
import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


dtype = torch.float
torch.manual_seed(0)
N, D_in, H, D_out = 64, 100, 50, 10
x = torch.randn(N, D_in, dtype=dtype)
y = torch.randn(N, D_out, dtype=dtype)
w1 = torch.randn(D_in, H, dtype=dtype, requires_grad=True)
w2 = torch.randn(H, D_out, dtype=dtype, requires_grad=True)
learning_rate = 1e-6
for t in range(300):
    relu = MyReLU.apply
    y_pred = relu(x.mm(w1)).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, round(loss.item(), 1))
    loss.backward()
    with torch.no_grad():
        w1 -= learning_rate * w1.grad
        w2 -= learning_rate * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()
print(y_pred.grad_fn, y_pred.grad_fn.next_functions[0][0])
h = x.mm(w1)
h_relu = h.clamp(min=0)
print(h_relu.grad_fn, h.grad_fn, (h_relu > 0).float().mean())
grad_h_relu = torch.ones(N, H)
grad_h = grad_h_relu.clone()
grad_h[h < 0] = 0
print(grad_h.sum(), (h >= 0).sum())
