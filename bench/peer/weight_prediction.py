"""The PyTorch peer of icl's weight-prediction training step (SCIENCE.md section 1).

Written the way a researcher would write it in PyTorch: tokens as rows, causal linear
attention with einsum over the full T x T masked score matrix, the prompts and gradient-descent
targets sampled inside the step, torch.optim.Adam, float64. `icl bench` drives it through
peer_protocol.py; its training command is

  train cot|nocot STEPS BATCH K   run STEPS training steps of BATCH prompts with K CoT steps
"""
import torch

import peer_protocol

torch.set_default_dtype(torch.float64)


class LinearSelfAttention(torch.nn.Module):
    """f(Z) = Z + V Z (M o Z^T W Z) / n, with tokens as the rows of Z here."""

    def __init__(self, dim, n, init_scale):
        super().__init__()
        self.V = torch.nn.Parameter(init_scale * torch.randn(dim, dim))
        self.W = torch.nn.Parameter(init_scale * torch.randn(dim, dim))
        self.n = n

    def forward(self, Z):
        T = Z.shape[1]
        scores = torch.einsum('bsi,ij,btj->bst', Z, self.W, Z)
        mask = torch.tril(torch.ones(T, T)).T  # key s may serve query t when s <= t
        scores = scores * mask
        update = torch.einsum('ij,bsj,bst->bti', self.V, Z, scores) / self.n
        return Z + update


class WeightPrediction:
    """In-context weight prediction: n examples (x, <w*, x>), targets are the GD iterates or w*."""

    def __init__(self, d, n, eta):
        self.d, self.n, self.eta = d, n, eta
        self.dim = 2 * d + 2

    def sample(self, batch):
        # One draw per prompt: w* first, then the n inputs x_j.
        g = torch.randn(batch, self.d + self.n * self.d)
        return self.split(g)

    def split(self, g):
        w = g[:, :self.d]
        X = g[:, self.d:].reshape(-1, self.n, self.d)
        return X, w

    def data_tokens(self, X, w):
        B = X.shape[0]
        y = torch.einsum('bnd,bd->bn', X, w)
        return torch.cat([X, y[..., None], torch.zeros(B, self.n, self.d + 1)], dim=-1), y

    def weight_tokens(self, ws):
        B, count, _ = ws.shape
        return torch.cat([torch.zeros(B, count, self.d + 1), ws, torch.ones(B, count, 1)], dim=-1)

    def cot_batch(self, X, w, k):
        data, y = self.data_tokens(X, w)
        iterates = [torch.zeros_like(w)]
        for _ in range(k):
            residual = torch.einsum('bnd,bd->bn', X, iterates[-1]) - y
            iterates.append(iterates[-1] - self.eta / self.n * torch.einsum('bnd,bn->bd', X, residual))
        tokens = self.weight_tokens(torch.stack(iterates, dim=1))
        Z = torch.cat([data, tokens[:, :k]], dim=1)
        return Z, tokens[:, 1:]

    def cot_loss(self, model, X, w, k):
        Z, targets = self.cot_batch(X, w, k)
        out = model(Z)[:, self.n:]
        return ((out - targets) ** 2).sum() / X.shape[0]

    def nocot_loss(self, model, X, w):
        data, _ = self.data_tokens(X, w)
        Z = torch.cat([data, self.weight_tokens(torch.zeros(X.shape[0], 1, self.d))], dim=1)
        predicted = model(Z)[:, -1, self.d + 1:2 * self.d + 1]
        return ((predicted - w) ** 2).sum() / X.shape[0]

    def loss(self, model, X, w, cot, k):
        return self.cot_loss(model, X, w, k) if cot else self.nocot_loss(model, X, w)


def train(task, args, cot, steps, batch, k):
    model = LinearSelfAttention(task.dim, task.n, args.init_scale)
    return peer_protocol.adam_steps(model, args.lr, lambda: task.loss(model, *task.sample(batch), cot, k), steps)


def check(task, spec):
    model = LinearSelfAttention(task.dim, task.n, 0.0)
    X, w = task.split(torch.tensor(spec["gaussians"]).reshape(spec["batch"], -1))
    return peer_protocol.gradients({"V": model.V, "W": model.W}, spec,
                                   lambda: task.loss(model, X, w, spec["cot"], spec["k"]))


def main():
    parser = peer_protocol.arguments(__doc__)
    parser.add_argument("--d", type=int, default=10)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--eta", type=float, default=0.3)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--init-scale", type=float, default=0.05)
    args = parser.parse_args()
    task = WeightPrediction(args.d, args.n, args.eta)
    peer_protocol.serve(args.threads, args.seed,
                        lambda words: train(task, args, words[0] == "cot", int(words[1]), int(words[2]), int(words[3])),
                        lambda spec: check(task, spec))


if __name__ == "__main__":
    main()
