"""The PyTorch peer of icl's tree path-finding training step (SCIENCE.md section 4, backward task).

Written the way a researcher would write it in PyTorch: a batch of random perfect binary trees
sampled inside the step with vectorised torch ops (labels, goal leaf and edge order as random
permutations), one-hot tokens as the rows of X, one layer of causal softmax attention over the
full T x T score matrix with a merged key-query matrix A (scores x_s^T A x_t), the value matrix
frozen at the identity, a readout R to the S + 1 symbols, cross-entropy averaged over the chain's
tokens, torch.optim.Adam, float64. Token layout as in icl's tree-path task: parent block | child
block | node block (S + 1 rows each, symbol S is `top`) | edge flag | node flag; the sequence is
the edges in random order, the root token (top, root), the goal leaf, then the path upwards.
`icl bench` drives it through peer_protocol.py; its training command is

  train STEPS BATCH   run STEPS training steps of BATCH trees
"""
import torch
import torch.nn.functional as F

import peer_protocol

torch.set_default_dtype(torch.float64)


class SoftmaxAttention(torch.nn.Module):
    """logits = R (X + softmax(M o X A X^T) X), tokens as the rows of X; A and R start at zero."""

    def __init__(self, dim, symbols):
        super().__init__()
        self.A = torch.nn.Parameter(torch.zeros(dim, dim))
        self.R = torch.nn.Parameter(torch.zeros(symbols, dim))

    def forward(self, X):
        T = X.shape[1]
        scores = X @ self.A.T @ X.transpose(1, 2)  # [b, t, s] = x_s^T A x_t: query t, key s
        causal = torch.ones(T, T, dtype=torch.bool).tril()
        attention = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)
        return (X + attention @ X) @ self.R.T


class BackwardTreePath:
    """Perfect binary trees of the given depth, labels from [S]; walk from a random leaf up to the root."""

    def __init__(self, depth, vocabulary):
        self.depth, self.S = depth, vocabulary
        self.nodes = 2 ** (depth + 1) - 1  # breadth-first numbering: node i's parent is (i - 1) // 2
        self.symbols = vocabulary + 1      # the labels and top
        self.top = vocabulary
        self.dim = 3 * self.symbols + 2
        self.first = self.nodes            # the goal's column: after the nodes - 1 edges and the root token

    def sample(self, batch):
        labels = torch.argsort(torch.rand(batch, self.S), dim=1)[:, :self.nodes]
        goal = 2 ** self.depth - 1 + torch.randint(2 ** self.depth, (batch,))
        order = 1 + torch.argsort(torch.rand(batch, self.nodes - 1), dim=1)
        return labels, goal, order

    def tokens(self, labels, goal, order):
        """The teacher-forced sequence X [batch, T, dim] and the targets [batch, depth + 1]."""
        B = labels.shape[0]
        V = self.symbols
        path = [goal]
        for _ in range(self.depth):
            path.append((path[-1] - 1) // 2)
        up = labels.gather(1, torch.stack(path, dim=1))                     # goal, p1, ..., root
        targets = torch.cat([up[:, 1:], torch.full((B, 1), self.top)], dim=1)
        parents = torch.cat([labels.gather(1, (order - 1) // 2), torch.full((B, 1), self.top)], dim=1)
        children = torch.cat([labels.gather(1, order), labels[:, :1]], dim=1)
        edges = torch.cat([F.one_hot(parents, V), F.one_hot(children, V), torch.zeros(B, self.nodes, V),
                           torch.ones(B, self.nodes, 1), torch.zeros(B, self.nodes, 1)], dim=-1)
        nodes = torch.cat([torch.zeros(B, self.depth + 1, 2 * V), F.one_hot(up, V),
                           torch.zeros(B, self.depth + 1, 1), torch.ones(B, self.depth + 1, 1)], dim=-1)
        # the goal and the path fed back, teacher-forced: the node tokens are exactly the walk up
        return torch.cat([edges, nodes], dim=1), targets

    def loss(self, model, labels, goal, order):
        X, targets = self.tokens(labels, goal, order)
        logits = model(X)[:, self.first:]
        return F.cross_entropy(logits.reshape(-1, self.symbols), targets.reshape(-1))

    def from_draws(self, ints, batch):
        """Trees from icl's integer draws, consumed in its order: per tree the labels (a partial
        Fisher-Yates shuffle of [S]), the goal among the leaves, then the edge order (Fisher-Yates)."""
        draws = iter(ints)
        labels, goal, order = [], [], []
        for _ in range(batch):
            pool = list(range(self.S))
            for i in range(self.nodes):
                j = i + next(draws)
                pool[i], pool[j] = pool[j], pool[i]
            labels.append(pool[:self.nodes])
            goal.append(2 ** self.depth - 1 + next(draws))
            edges = list(range(1, self.nodes))
            for i in range(len(edges) - 1, 0, -1):
                j = next(draws)
                edges[i], edges[j] = edges[j], edges[i]
            order.append(edges)
        if next(draws, None) is not None:
            raise ValueError("more integer draws than the trees use")
        return torch.tensor(labels), torch.tensor(goal), torch.tensor(order)


def train(task, args, steps, batch):
    model = SoftmaxAttention(task.dim, task.symbols)
    return peer_protocol.adam_steps(model, args.lr, lambda: task.loss(model, *task.sample(batch)), steps)


def check(task, spec):
    model = SoftmaxAttention(task.dim, task.symbols)
    return peer_protocol.gradients({"KQ1": model.A, "R": model.R}, spec,
                                   lambda: task.loss(model, *task.from_draws(spec["ints"], spec["batch"])))


def main():
    parser = peer_protocol.arguments(__doc__)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--vocabulary", type=int, default=31)
    parser.add_argument("--lr", type=float, default=0.05)
    args = parser.parse_args()
    task = BackwardTreePath(args.depth, args.vocabulary)
    peer_protocol.serve(args.threads, args.seed, lambda words: train(task, args, int(words[0]), int(words[1])),
                        lambda spec: check(task, spec))


if __name__ == "__main__":
    main()
