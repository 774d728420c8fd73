# d2l.ai, "Predicting House Prices on Kaggle" (d2l.ai/chapter_multilayer-perceptrons/
# kaggle-house-price.html): standardised numeric features with missing values set to 0 and
# one-hot categories, a linear net, log_rmse through torch.clamp(..., 1, inf), Adam, and
# K-fold cross-validation built with slices and torch.cat. The Kaggle CSV files (read with
# pandas) are replaced by 150 random houses built with torch; 3 folds of 20 epochs.
import torch
from torch import nn
from torch.utils import data

torch.manual_seed(0)
n, n_numeric = 150, 4
numeric = torch.randn(n, n_numeric) * torch.tensor([30.0, 2.0, 1.0, 500.0]) \
    + torch.tensor([70.0, 6.0, 2.0, 1500.0])
missing = torch.rand(n, n_numeric) < 0.05  # pandas reads these as NaN
category = torch.randint(0, 3, (n,))
price = (50000 + 100 * numeric[:, 0] + 20000 * (category == 2).float()
         + 10000 * torch.randn(n)).clamp(min=20000)

# standardise, then set the missing values to 0 (the mean), and one-hot the category
numeric = (numeric - numeric.mean(0)) / numeric.std(0)
numeric[missing] = 0
all_features = torch.cat([numeric, nn.functional.one_hot(category, 3).float()], 1)
print(all_features.shape, all_features[:2])

n_train = 120
train_features = all_features[:n_train]
test_features = all_features[n_train:]
train_labels = price[:n_train].reshape(-1, 1)

loss = nn.MSELoss()
in_features = train_features.shape[1]


def get_net():
    net = nn.Sequential(nn.Linear(in_features, 1))
    return net


def log_rmse(net, features, labels):
    # To further stabilize the value when the logarithm is taken, set the
    # value less than 1 as 1
    clipped_preds = torch.clamp(net(features), 1, float('inf'))
    rmse = torch.sqrt(loss(torch.log(clipped_preds),
                           torch.log(labels)))
    return rmse.item()


def load_array(data_arrays, batch_size, is_train=True):
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


def train(net, train_features, train_labels, test_features, test_labels,
          num_epochs, learning_rate, weight_decay, batch_size):
    train_ls, test_ls = [], []
    train_iter = load_array((train_features, train_labels), batch_size)
    # The Adam optimization algorithm is used here
    optimizer = torch.optim.Adam(net.parameters(),
                                 lr=learning_rate,
                                 weight_decay=weight_decay)
    for epoch in range(num_epochs):
        for X, y in train_iter:
            optimizer.zero_grad()
            l = loss(net(X), y)
            l.backward()
            optimizer.step()
        train_ls.append(log_rmse(net, train_features, train_labels))
        if test_labels is not None:
            test_ls.append(log_rmse(net, test_features, test_labels))
    return train_ls, test_ls


def get_k_fold_data(k, i, X, y):
    assert k > 1
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train = torch.cat([X_train, X_part], 0)
            y_train = torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


def k_fold(k, X_train, y_train, num_epochs, learning_rate, weight_decay,
           batch_size):
    train_l_sum, valid_l_sum = 0, 0
    for i in range(k):
        data = get_k_fold_data(k, i, X_train, y_train)
        net = get_net()
        train_ls, valid_ls = train(net, *data, num_epochs, learning_rate,
                                   weight_decay, batch_size)
        train_l_sum += train_ls[-1]
        valid_l_sum += valid_ls[-1]
        print(f'fold {i + 1}, train log rmse {float(train_ls[-1]):f}, '
              f'valid log rmse {float(valid_ls[-1]):f}')
    return train_l_sum / k, valid_l_sum / k


k, num_epochs, lr, weight_decay, batch_size = 3, 20, 5, 0, 64
train_l, valid_l = k_fold(k, train_features, train_labels, num_epochs, lr,
                          weight_decay, batch_size)
print(f'{k}-fold validation: avg train log rmse: {float(train_l):f}, '
      f'avg valid log rmse: {float(valid_l):f}')


def train_and_pred(train_features, test_features, train_labels,
                   num_epochs, lr, weight_decay, batch_size):
    net = get_net()
    train_ls, _ = train(net, train_features, train_labels, None, None,
                        num_epochs, lr, weight_decay, batch_size)
    print(f'train log rmse {float(train_ls[-1]):f}')
    # Apply the network to the test set
    preds = net(test_features).detach().numpy()
    print(preds[:5, 0].round(1).tolist())


train_and_pred(train_features, test_features, train_labels,
               num_epochs, lr, weight_decay, batch_size)
