"""The PyTorch peer of icl's weight-prediction training step (SCIENCE.md section 1).

Written the way a researcher would write it in PyTorch: tokens as rows, causal linear
attention with einsum over the full T x T masked score matrix, the prompts and gradient-descent
targets sampled inside the step, torch.optim.Adam, float64. `icl bench` drives it over stdin,
one command per line, one JSON reply per line:

  train cot|nocot STEPS BATCH K   run STEPS training steps; reply {"steps", "seconds", "cpu_seconds"}
  check PATH                      loss and gradients on the inputs in the JSON file PATH
  matmul N REPEATS                GFLOP/s of an N x N matrix product (the practical peak)
  memory                          peak resident memory of this process, in MiB
  quit
"""
import argparse
import json
import resource
import sys
import time

import torch

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
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    start = time.perf_counter()
    cpu = time.process_time()
    for _ in range(steps):
        X, w = task.sample(batch)
        loss = task.loss(model, X, w, cot, k)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    return {"steps": steps, "seconds": seconds, "cpu_seconds": time.process_time() - cpu, "loss": loss.item()}


def check(task, path):
    with open(path) as f:
        spec = json.load(f)
    model = LinearSelfAttention(task.dim, task.n, 0.0)
    with torch.no_grad():
        model.V.copy_(torch.tensor(spec["V"]))
        model.W.copy_(torch.tensor(spec["W"]))
    X, w = task.split(torch.tensor(spec["gaussians"]).reshape(spec["batch"], -1))
    loss = task.loss(model, X, w, spec["cot"], spec["k"])
    loss.backward()
    return {"loss": loss.item(), "V": model.V.grad.tolist(), "W": model.W.grad.tolist()}


def matmul(n, repeats):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(repeats):
        torch.mm(a, b)
    return {"gflops": 2.0 * n ** 3 * repeats / (time.perf_counter() - start) / 1e9}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--d", type=int, default=10)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--eta", type=float, default=0.3)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--init-scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    task = WeightPrediction(args.d, args.n, args.eta)
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "train":
            reply = train(task, args, words[1] == "cot", int(words[2]), int(words[3]), int(words[4]))
        elif words[0] == "check":
            reply = check(task, words[1])
        elif words[0] == "matmul":
            reply = matmul(int(words[1]), int(words[2]))
        elif words[0] == "memory":
            reply = {"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        elif words[0] == "quit":
            break
        else:
            reply = {"error": "unknown command " + words[0]}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
