# PyTorch's exception types and messages, printed from try/except blocks.
import torch


def show(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - every error type is what is printed
        print(type(e).__name__, e)


x = torch.ones(2, 3)
y = torch.ones(3, 2)
show(lambda: x + torch.ones(4))
show(lambda: x @ x)
show(lambda: torch.mm(x, torch.ones(2, 2)))
show(lambda: torch.dot(torch.ones(3), torch.ones(4)))
show(lambda: x.view(4))
show(lambda: y.t().view(6))
show(lambda: x.reshape(-1, -1))
show(lambda: x[2])
show(lambda: x[0, 0, 0])
show(lambda: x.sum(dim=2))
show(lambda: x.item())
show(lambda: torch.ones(2, requires_grad=True).numpy())
show(lambda: torch.tensor([1, 2], requires_grad=True))
show(lambda: torch.ones(2).backward())
show(lambda: torch.ones(2, requires_grad=True).mul(2).backward())
show(lambda: torch.ones(2, requires_grad=True).sum().backward(torch.ones(3)))
show(lambda: bool(torch.ones(2)))
show(lambda: torch.tensor([[1, 2], [3]]))
show(lambda: torch.cat([torch.ones(2, 2), torch.ones(3, 3)]))
show(lambda: x.transpose(0, 2))
show(lambda: torch.zeros(2, 2).requires_grad_().sum().backward(retain_graph=True)
     or torch.autograd.grad(torch.ones(1, requires_grad=True).sum(),
                            torch.ones(1, requires_grad=True)))
show(lambda: torch.ones(2, 2).unsqueeze(3))
show(lambda: len(torch.tensor(1.0)))
show(lambda: torch.ones(2).expand(3, 3))
show(lambda: torch.ones(3, requires_grad=True).sum().backward(torch.ones(1)))
