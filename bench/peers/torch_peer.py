#!/usr/bin/python3
"""PyTorch peer of bench/Torch.Bench: the same cases, sizes and output format.

Run with Debian's interpreter, which has python3-torch (the same libtorch 1.13 as the shim):

    /usr/bin/python3 bench/peers/torch_peer.py [all|add|matmul|mlp|threads]... [--repeats-scale X]

Prints one "RESULT impl=python case=... threads=... median=... unit=... min=... max=... n=..."
line per measurement; every figure is the median of several timed repeats.
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

IMPL = "python"
# OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).
BLAS = os.environ.get("OPENBLAS_NUM_THREADS") or "default"


def report(name, threads, samples, unit):
    s = sorted(samples)
    print(f"RESULT impl={IMPL} case={name} threads={threads} blas={BLAS} median={statistics.median(s):.6g} "
          f"unit={unit} min={s[0]:.6g} max={s[-1]:.6g} n={len(s)} "
          f"samples={','.join(f'{v:.6g}' for v in samples)}", flush=True)


def bench_add(repeats, threads):
    """(a) Per-op overhead: 100,000 adds of two 16-element float32 tensors; each result is freed
    when the next one replaces it (reference counting), as deterministically as the C# scopes."""
    ops = 100_000
    a = torch.randn(16)
    b = torch.randn(16)

    def run():
        for _ in range(ops):
            c = a + b  # noqa: F841
        return ops

    run()
    run()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        samples.append((time.perf_counter() - t0) * 1e9 / ops)
    report("add", threads, samples, "ns/op")


def bench_matmul(repeats, threads, label=None):
    """(b) 1024x1024 float32 matmul as GFLOP/s (2*n^3 flops)."""
    n = 1024
    flops = 2.0 * n ** 3
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    for _ in range(3):
        a @ b
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        c = a @ b
        dt = time.perf_counter() - t0
        del c
        samples.append(flops / dt / 1e9)
    report("matmul_threads" if label else "matmul", threads, samples, "GFLOP/s")


def bench_mlp(repeats, threads, label=None):
    """(c) GPT-style MLP block forward+backward: x [8, 256, 384] (requires grad, as inside a
    network) -> Linear(384->1536) -> GELU(tanh) -> Linear(1536->384) -> sum -> backward."""
    batch, tokens, width = 8, 256, 384
    hidden = 4 * width
    torch.manual_seed(1234)
    fc = torch.nn.Linear(width, hidden)
    proj = torch.nn.Linear(hidden, width)
    x = torch.randn(batch, tokens, width, requires_grad=True)

    def step():
        fc.zero_grad(set_to_none=True)
        proj.zero_grad(set_to_none=True)
        x.grad = None
        y = proj(F.gelu(fc(x), approximate="tanh"))
        y.sum().backward()

    for _ in range(3):
        step()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        samples.append((time.perf_counter() - t0) * 1e3)
    report("mlp_threads" if label else "mlp", threads, samples, "ms/iter")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="{all,add,matmul,mlp,threads}")
    parser.add_argument("--repeats-scale", type=float, default=1.0)
    args = parser.parse_args()
    unknown = [c for c in args.cases if c not in ("all", "add", "matmul", "mlp", "threads")]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    cases = args.cases if args.cases and "all" not in args.cases else ["add", "matmul", "mlp", "threads"]

    def repeats(n):
        return max(3, round(n * args.repeats_scale))

    default_threads = torch.get_num_threads()
    print(f"# python: torch {torch.__version__}, Python {sys.version.split()[0]}, "
          f"torch.get_num_threads()={default_threads}", flush=True)
    for case in cases:
        if case == "add":
            bench_add(repeats(7), default_threads)
        elif case == "matmul":
            bench_matmul(repeats(15), default_threads)
        elif case == "mlp":
            bench_mlp(repeats(10), default_threads)
        elif case == "threads":
            for threads in (1, 2):
                torch.set_num_threads(threads)
                bench_matmul(repeats(15), threads, label=True)
                bench_mlp(repeats(10), threads, label=True)
            torch.set_num_threads(default_threads)


if __name__ == "__main__":
    main()
