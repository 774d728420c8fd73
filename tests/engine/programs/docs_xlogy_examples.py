# PyTorch docs, torch.xlogy (pytorch.org/docs/1.9.1/generated/torch.xlogy.html): input *
# log(other), 0 where input is 0 and NaN where other is NaN; the docs' examples, then the
# gradient of each form (tensor-tensor, tensor-number, number-tensor) and the node it records.
import torch

x = torch.zeros(5,)
y = torch.tensor([-1, 0, 1, float("inf"), float("nan")])
print(torch.xlogy(x, y))
x = torch.tensor([1, 2, 3])
y = torch.tensor([3, 2, 1])
print(torch.xlogy(x, y))
print(torch.xlogy(x, 4))
print(torch.xlogy(2, y))

p = torch.tensor([0.0, 0.5, 1.0, 2.0], requires_grad=True)
q = torch.tensor([0.25, 0.0, 1.0, 3.0], requires_grad=True)
for name, out in (("tensor, tensor", torch.xlogy(p, q)), ("tensor, 3.0", torch.xlogy(p, 3.0)),
                  ("2.0, tensor", torch.xlogy(2.0, q)), ("method", p.xlogy(q))):
    p.grad = q.grad = None
    out.sum().backward()
    print(name, out.grad_fn, len(out.grad_fn.next_functions))
    print(out, p.grad, q.grad)

# entropy with xlogy: 0 * log 0 is 0, so a one-hot distribution has entropy 0
probs = torch.tensor([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]], requires_grad=True)
entropy = -torch.xlogy(probs, probs).sum(dim=1)
print(entropy)
entropy.sum().backward()
print(probs.grad)
