# One VAE training step written with torch.distributions, as the tutorials that replace the
# hand-written KL term of PyTorch's examples/vae do: q(z|x) = Normal(mu, std), a reparameterized
# z = q.rsample(), KL(q || N(0, 1)) by kl_divergence, and a Bernoulli decoder's log-likelihood.
import torch
import torch.distributions as D
from torch import nn

torch.manual_seed(1)
x = torch.bernoulli(torch.full((4, 6), 0.4))


class VAE(nn.Module):
    def __init__(self, d_in=6, d_hidden=8, d_latent=2):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(d_in, d_hidden), nn.Tanh())
        self.mu = nn.Linear(d_hidden, d_latent)
        self.logvar = nn.Linear(d_hidden, d_latent)
        self.decoder = nn.Sequential(nn.Linear(d_latent, d_hidden), nn.Tanh(),
                                     nn.Linear(d_hidden, d_in))

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = self.mu(h), self.logvar(h)
        q = D.Normal(mu, torch.exp(0.5 * logvar))
        z = q.rsample()
        return q, z, self.decoder(z)


model = VAE()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for step in range(3):
    q, z, logits = model(x)
    prior = D.Normal(torch.zeros_like(q.loc), torch.ones_like(q.scale))
    kl = D.kl_divergence(q, prior).sum(-1)
    recon = D.Bernoulli(logits=logits).log_prob(x).sum(-1)
    loss = -(recon - kl).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(step, "loss", loss.item(), "kl", kl.detach())

print(q)
print(z.grad_fn, kl.grad_fn, recon.grad_fn)
mu, std = q.loc, q.scale
analytic = -0.5 * (1 + torch.log(std ** 2) - mu ** 2 - std ** 2).sum(-1)
print("kl_divergence equals the analytic formula:", torch.allclose(kl, analytic, atol=1e-6))
print("log_prob by hand:", torch.allclose(q.log_prob(z), D.Normal(mu, std).log_prob(z)))
print(q.entropy().sum(), prior.sample((2,)).shape, q.mean.shape, q.stddev.shape)
print(model.mu.bias.grad)
