# CS231n assignment 3, "Self_Supervised_Learning.ipynb" / cs231n/simclr/contrastive_loss.py
# (cs231n.github.io/assignments2023/assignment3/): sim, simclr_loss_naive, sim_positive_pairs,
# compute_sim_matrix and simclr_loss_vectorized filled in as a student does, and the notebook's
# checks: each vectorized piece against the loop version by relative error (here on a small
# random batch instead of the notebook's saved data), plus the loss's gradients.
import numpy as np
import torch


def rel_error(x, y):
    return np.max(np.abs(x - y) / (np.maximum(1e-10, np.abs(x) + np.abs(y))))


def sim(z_i, z_j):
    """Normalized dot product between two vectors (1xD tensors)."""
    return torch.dot(z_i, z_j) / (torch.linalg.norm(z_i) * torch.linalg.norm(z_j))


def simclr_loss_naive(out_left, out_right, tau):
    N = out_left.shape[0]
    out = torch.cat([out_left, out_right], dim=0)  # [2*N, D]
    total_loss = 0
    for k in range(N):
        z_k, z_k_N = out[k], out[k + N]
        num = torch.exp(sim(z_k, z_k_N) / tau)
        denom_k = sum(torch.exp(sim(z_k, out[i]) / tau) for i in range(2 * N) if i != k)
        denom_kN = sum(torch.exp(sim(z_k_N, out[i]) / tau) for i in range(2 * N) if i != k + N)
        total_loss += -torch.log(num / denom_k) - torch.log(num / denom_kN)
    return total_loss / (2 * N)


def sim_positive_pairs(out_left, out_right):
    left_norm = out_left / torch.linalg.norm(out_left, dim=1, keepdim=True)
    right_norm = out_right / torch.linalg.norm(out_right, dim=1, keepdim=True)
    return (left_norm * right_norm).sum(dim=1, keepdim=True)  # [N, 1]


def compute_sim_matrix(out):
    out_norm = out / torch.linalg.norm(out, dim=1, keepdim=True)
    return out_norm @ out_norm.T  # [2N, 2N]


def simclr_loss_vectorized(out_left, out_right, tau, device="cpu"):
    N = out_left.shape[0]
    out = torch.cat([out_left, out_right], dim=0)
    sim_matrix = compute_sim_matrix(out)
    exponential = torch.exp(sim_matrix / tau)
    mask = (torch.ones_like(exponential, device=device)
            - torch.eye(2 * N, device=device)).to(device).bool()
    exponential = exponential.masked_select(mask).view(2 * N, -1)  # [2*N, 2*N-1]
    denom = exponential.sum(dim=1, keepdim=True)  # [2*N, 1]
    sim_pairs = sim_positive_pairs(out_left, out_right)
    numerator = torch.exp(torch.cat([sim_pairs, sim_pairs], dim=0) / tau)
    loss = -torch.log(numerator / denom).sum() / (2 * N)
    return loss


torch.manual_seed(231)
left = torch.randn(4, 6, requires_grad=True)
right = torch.randn(4, 6, requires_grad=True)
tau = 0.5

print("sim:", sim(left[0], right[0]).item())
loss_naive = simclr_loss_naive(left, right, tau)
print("naive loss:", loss_naive)

pairs = sim_positive_pairs(left, right)
pairs_loop = torch.stack([sim(left[i], right[i]) for i in range(4)]).view(-1, 1)
print("sim_positive_pairs error: ", rel_error(pairs.detach().numpy(), pairs_loop.detach().numpy()))

out = torch.cat([left, right], dim=0)
matrix = compute_sim_matrix(out)
matrix_loop = torch.stack([torch.stack([sim(out[i], out[j]) for j in range(8)])
                           for i in range(8)])
print("compute_sim_matrix error: ",
      rel_error(matrix.detach().numpy(), matrix_loop.detach().numpy()))
print(matrix.diagonal())

loss_vec = simclr_loss_vectorized(left, right, tau)
print("vectorized loss:", loss_vec)
print("simclr_loss error: ", rel_error(loss_naive.item(), loss_vec.item()) < 1e-5)

loss_naive.backward()
g_naive = left.grad.clone(), right.grad.clone()
left.grad = None
right.grad = None
loss_vec.backward()
print("grad errors:", rel_error(g_naive[0].numpy(), left.grad.numpy()) < 1e-4,
      rel_error(g_naive[1].numpy(), right.grad.numpy()) < 1e-4)
print(left.grad)
for t in (0.1, 1.0, 10.0):
    print(t, round(simclr_loss_vectorized(left, right, t).item(), 5))
