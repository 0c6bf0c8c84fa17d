#!/usr/bin/python3
"""Times PyTorch on the kernels and shapes of src/jmh/java/.../KernelBenchmarks.java.

Run with Debian's PyTorch: /usr/bin/python3 scripts/bench_pytorch.py [--threads 1 2 ...]
Prints one line per measurement: "torch <benchmark> <shape> <threads> <ops/s> <stdev ops/s>".

Each operation is what the service computes, in float64:
  softmax        F.softmax forward (PYTORCH_SOFTMAX=all: also log_softmax, logsumexp and
                 argmax, every output that Softmax.ofLogits and POST /softmax return)
  crossEntropy   F.cross_entropy(logits, target) forward + backward (logits.requires_grad)
  nll            F.nll_loss(logProbabilities, target) forward + backward
  bceWithLogits  F.binary_cross_entropy_with_logits forward + backward
Timing mirrors the JMH settings: warm-up iterations, then measurement iterations of a fixed
duration; each iteration's throughput is calls / elapsed time, and the mean over iterations is
reported with its standard deviation.
"""
import argparse
import os
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = [(3, 4), (64, 1000), (1024, 1000), (8192, 100)]


def make_ops(rows, columns):
    generator = torch.Generator().manual_seed(20261126)
    logits = torch.randn(rows, columns, dtype=torch.float64, generator=generator)
    target = torch.randint(columns, (rows,), generator=generator)
    binary = torch.randint(2, (rows, columns), generator=generator).to(torch.float64)
    log_probabilities = torch.log_softmax(logits, dim=1)

    x = logits.clone().requires_grad_(True)
    lp = log_probabilities.clone().requires_grad_(True)

    every_output = os.environ.get("PYTORCH_SOFTMAX") == "all"

    def softmax():
        with torch.no_grad():
            if every_output:
                return (
                    F.softmax(logits, dim=1),
                    F.log_softmax(logits, dim=1),
                    torch.logsumexp(logits, dim=1),
                    torch.argmax(logits, dim=1),
                )
            return F.softmax(logits, dim=1)

    def cross_entropy():
        x.grad = None
        loss = F.cross_entropy(x, target)
        loss.backward()
        return loss

    def nll():
        lp.grad = None
        loss = F.nll_loss(lp, target)
        loss.backward()
        return loss

    def bce_with_logits():
        x.grad = None
        loss = F.binary_cross_entropy_with_logits(x, binary)
        loss.backward()
        return loss

    return {
        "softmax": softmax,
        "crossEntropy": cross_entropy,
        "nll": nll,
        "bceWithLogits": bce_with_logits,
    }


def iteration(op, seconds):
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        op()
        calls += 1
        now = time.perf_counter()
        if now >= deadline:
            return calls / (now - start)


def measure(op, warmups, iterations, seconds):
    for _ in range(warmups):
        iteration(op, seconds)
    rates = [iteration(op, seconds) for _ in range(iterations)]
    return statistics.mean(rates), statistics.stdev(rates) if len(rates) > 1 else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count()])
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--benchmarks", nargs="+")
    parser.add_argument("--shapes", nargs="+", help="e.g. 3x4 1024x1000")
    args = parser.parse_args()
    shapes = SHAPES
    if args.shapes:
        shapes = [tuple(int(d) for d in s.split("x")) for s in args.shapes]
    print(f"# torch {torch.__version__}, cpu_count {os.cpu_count()}", flush=True)
    for threads in args.threads:
        torch.set_num_threads(threads)
        for rows, columns in shapes:
            for name, op in make_ops(rows, columns).items():
                if args.benchmarks and name not in args.benchmarks:
                    continue
                mean, stdev = measure(op, args.warmups, args.iterations, args.seconds)
                print(f"torch {name} {rows}x{columns} {threads} {mean:.6g} {stdev:.3g}", flush=True)


if __name__ == "__main__":
    main()
