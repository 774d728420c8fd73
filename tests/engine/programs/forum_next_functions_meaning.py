# PyTorch forum, "In the grad_fn, I find a next_functions, but I don't understand the meaning of
# the attribute" (discuss.pytorch.org/t/in-the-grad-fn-i-find-a-next-functions-but-i-dont-
# understand-the-meaning-of-the-attribute/24463): next_functions walks the backward graph from
# b = a * (a + 2) down to the AccumulateGrad of the leaf (whose .variable is a); the constant 2
# is an edge to None; expand_as of the question's own code adds an ExpandBackward0 in front.
import torch

torch.manual_seed(0)
a = torch.randn(1, requires_grad=True)
b = a * (a + 2)
print(b.grad_fn)
print(b.grad_fn.next_functions)
print(b.grad_fn.next_functions[1][0].next_functions)
print(b.grad_fn.next_functions[0][0].variable is a)
print(type(b.grad_fn.next_functions[0][0]).__name__)

# The expand_as of the question: an identity view whose edge leads to MulBackward0
p = a * a
p_tmp = p.expand_as(p)
print(p_tmp.grad_fn)
grad_acc = p_tmp.grad_fn.next_functions[0][0]
print(grad_acc, grad_acc.next_functions[0][0].variable is a)

b.backward()
print(a.grad)
