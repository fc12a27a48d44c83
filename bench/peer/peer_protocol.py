"""The line protocol every peer of `icl bench` speaks over stdin and stdout.

One command per line, one JSON reply per line:

  train ARGS...     run training steps; reply {"steps", "seconds", "cpu_seconds", "loss"}
  check PATH        loss and gradients on the inputs in the JSON file PATH
  matmul N REPEATS  GFLOP/s of an N x N matrix product (the practical peak)
  memory            peak resident memory of this process, in MiB
  quit

A peer script parses its own arguments, then hands its train and check functions to serve().
"""
import argparse
import json
import resource
import sys
import time

import torch


def arguments(description):
    """A parser with the options every peer takes (--threads, --seed); the peer adds its task's."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    return parser


def timed(step, steps):
    """Runs step() `steps` times: wall and CPU seconds, and the last loss."""
    start = time.perf_counter()
    cpu = time.process_time()
    loss = None
    for _ in range(steps):
        loss = step()
    return {"steps": steps, "seconds": time.perf_counter() - start,
            "cpu_seconds": time.process_time() - cpu, "loss": loss.item()}


def adam_steps(model, lr, batch_loss, steps):
    """`steps` Adam steps on the loss of a freshly sampled batch, batch_loss(), timed."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def step():
        loss = batch_loss()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    return timed(step, steps)


def gradients(parameters, spec, loss):
    """Sets each parameter (by icl's name) from the check file, then the reply: loss() and each gradient by name."""
    with torch.no_grad():
        for name, p in parameters.items():
            p.copy_(torch.tensor(spec[name]))
    value = loss()
    value.backward()
    reply = {"loss": value.item()}
    reply.update({name: p.grad.tolist() for name, p in parameters.items()})
    return reply


def matmul(n, repeats):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(repeats):
        torch.mm(a, b)
    return {"gflops": 2.0 * n ** 3 * repeats / (time.perf_counter() - start) / 1e9}


def serve(threads, seed, train, check):
    """Answers commands until quit; train(words) gets the words after `train`, check(spec) the parsed JSON file."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "train":
                reply = train(words[1:])
            elif words[0] == "check":
                with open(words[1]) as f:
                    reply = check(json.load(f))
            elif words[0] == "matmul":
                reply = matmul(int(words[1]), int(words[2]))
            elif words[0] == "memory":
                reply = {"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
            elif words[0] == "quit":
                break
            else:
                reply = {"error": "unknown command " + words[0]}
        except Exception as e:  # the bench reports it and stops
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)
