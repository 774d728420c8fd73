# CS231n assignment 3, "Generative_Adversarial_Networks.ipynb" / gan_pytorch.py
# (cs231n.github.io/assignments2022/assignment3/): sample_noise, the fully connected
# discriminator and generator, bce_loss, discriminator_loss, generator_loss, the least-squares
# losses, get_optimizer and run_a_gan, written as students' solutions usually are; MNIST is
# replaced by 32 random 28x28 images, one epoch of batches of 16; the generator's hidden
# layers are 256 wide instead of 1024.
# ruff: noqa: PLR0402, RUF059, UP032 - the source's own style
import torch
import torch.nn as nn
import torch.optim as optim

NOISE_DIM = 96
dtype = torch.FloatTensor


def sample_noise(batch_size, dim, seed=None):
    if seed is not None:
        torch.manual_seed(seed)
    return 2 * torch.rand(batch_size, dim) - 1


class Flatten(nn.Module):
    def forward(self, x):
        N, C, H, W = x.size()  # read in N, C, H, W
        return x.view(N, -1)  # "flatten" the C * H * W values into a single vector per image


def discriminator(seed=None):
    if seed is not None:
        torch.manual_seed(seed)
    model = nn.Sequential(
        Flatten(),
        nn.Linear(784, 256),
        nn.LeakyReLU(0.01),
        nn.Linear(256, 256),
        nn.LeakyReLU(0.01),
        nn.Linear(256, 1),
    )
    return model


def generator(noise_dim=NOISE_DIM, seed=None):
    if seed is not None:
        torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(noise_dim, 256),
        nn.ReLU(),
        nn.Linear(256, 256),
        nn.ReLU(),
        nn.Linear(256, 784),
        nn.Tanh(),
    )
    return model


def bce_loss(input, target):
    bce = nn.BCEWithLogitsLoss()
    return bce(input.squeeze(), target)


def discriminator_loss(logits_real, logits_fake):
    true_labels = torch.ones_like(logits_real.squeeze())
    loss = bce_loss(logits_real, true_labels) + bce_loss(logits_fake, 1 - true_labels)
    return loss


def generator_loss(logits_fake):
    return bce_loss(logits_fake, torch.ones_like(logits_fake.squeeze()))


def get_optimizer(model):
    optimizer = optim.Adam(model.parameters(), lr=1e-3, betas=(0.5, 0.999))
    return optimizer


def ls_discriminator_loss(scores_real, scores_fake):
    loss = 0.5 * ((scores_real - 1) ** 2).mean() + 0.5 * (scores_fake ** 2).mean()
    return loss


def ls_generator_loss(scores_fake):
    loss = 0.5 * ((scores_fake - 1) ** 2).mean()
    return loss


def run_a_gan(D, G, D_solver, G_solver, discriminator_loss, generator_loss, loader_train,
              show_every=250, batch_size=128, noise_size=96, num_epochs=10):
    iter_count = 0
    for epoch in range(num_epochs):
        for x, _ in loader_train:
            if len(x) != batch_size:
                continue
            D_solver.zero_grad()
            real_data = x.type(dtype)
            logits_real = D(2 * (real_data - 0.5)).type(dtype)

            g_fake_seed = sample_noise(batch_size, noise_size).type(dtype)
            fake_images = G(g_fake_seed).detach()
            logits_fake = D(fake_images.view(batch_size, 1, 28, 28))

            d_total_error = discriminator_loss(logits_real, logits_fake)
            d_total_error.backward()
            D_solver.step()

            G_solver.zero_grad()
            g_fake_seed = sample_noise(batch_size, noise_size).type(dtype)
            fake_images = G(g_fake_seed)

            gen_logits_fake = D(fake_images.view(batch_size, 1, 28, 28))
            g_error = generator_loss(gen_logits_fake)
            g_error.backward()
            G_solver.step()

            if (iter_count % show_every == 0):
                print('Iter: {}, D: {:.4}, G:{:.4}'.format(iter_count, d_total_error.item(),
                                                           g_error.item()))
            iter_count += 1


# the notebook's checks of the losses, on fixed logits
logits_real = torch.tensor([0.5, -1.0, 2.0, 0.1])
logits_fake = torch.tensor([-0.3, 0.8, -2.5, 1.2])
print(discriminator_loss(logits_real, logits_fake), generator_loss(logits_fake))
print(ls_discriminator_loss(logits_real, logits_fake), ls_generator_loss(logits_fake))
z = sample_noise(3, 4, seed=231)
print(z, z.min() >= -1, z.max() <= 1)

torch.manual_seed(12)
images = torch.rand(32, 1, 28, 28)
loader_train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, torch.zeros(32)),
                                           batch_size=16, shuffle=True)
for name, d_loss, g_loss in [('bce', discriminator_loss, generator_loss),
                             ('ls', ls_discriminator_loss, ls_generator_loss)]:
    D = discriminator(seed=1).type(dtype)
    G = generator(seed=2).type(dtype)
    D_solver = get_optimizer(D)
    G_solver = get_optimizer(G)
    print(name)
    run_a_gan(D, G, D_solver, G_solver, d_loss, g_loss, loader_train, show_every=1,
              batch_size=16, num_epochs=1)
print(D)
