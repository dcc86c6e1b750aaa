#!/usr/bin/python3
"""PyTorch peer of bench/Torch.Bench: the same cases, sizes, measurement and output format.

Run with Debian's interpreter, which has python3-torch (libtorch 1.13; ours runs TorchSharp's libtorch 2.10):

    /usr/bin/python3 bench/peers/torch_peer.py [all|add|matmul|mlp|threads]... [--repeats-scale X] [--max-attempts N] [--quiet-wait SECONDS]

Prints one "RESULT impl=python case=... threads=... blas=... median=... unit=... min=... max=...
n=... others=... attempts=... samples=..." line per case. As in bench/Torch.Bench/Measure.cs, an
attempt during which other processes took more than 10% of the CPU is repeated (up to
--max-attempts times) and the quietest attempt is reported; before each attempt it waits (up to
--quiet-wait seconds) for a quarter second in which others stay under that share.
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

IMPL = "python"
QUIET_PERCENT = 10.0
# OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).
BLAS = os.environ.get("OPENBLAS_NUM_THREADS") or "default"
MAX_ATTEMPTS = 3
QUIET_WAIT_SECONDS = 5.0
CASES = ("all", "add", "matmul", "mlp", "threads")


def cpu_snapshot():
    """(total, idle, own) clock ticks: the whole machine's CPU time and this process's."""
    with open("/proc/stat", encoding="ascii") as f:
        cpu = [int(v) for v in f.readline().split()[1:9]]  # user..steal
    with open("/proc/self/stat", encoding="ascii") as f:
        rest = f.read().rsplit(")", 1)[1].split()  # fields from state (3) on; utime, stime are 14, 15
    return sum(cpu), cpu[3] + cpu[4], int(rest[11]) + int(rest[12])


def others_percent(a, b):
    total = b[0] - a[0]
    if total <= 0:
        return 0.0
    return min(100.0, max(0.0, 100.0 * (total - (b[1] - a[1]) - (b[2] - a[2])) / total))


def wait_quiet():
    """Returns at the end of the first 250 ms in which other processes stayed quiet, or after QUIET_WAIT_SECONDS."""
    deadline = time.monotonic() + QUIET_WAIT_SECONDS
    while time.monotonic() < deadline:
        a = cpu_snapshot()
        time.sleep(0.25)
        if others_percent(a, cpu_snapshot()) <= QUIET_PERCENT:
            return


def measure(name, threads, unit, repeats, warmup, sample):
    for _ in range(warmup):
        sample()
    best, best_others, attempts = None, float("inf"), 0
    while attempts < MAX_ATTEMPTS:
        attempts += 1
        wait_quiet()
        before = cpu_snapshot()
        samples = [sample() for _ in range(repeats)]
        others = others_percent(before, cpu_snapshot())
        if others < best_others:
            best, best_others = samples, others
        if others <= QUIET_PERCENT:
            break
    s = sorted(best)
    print(f"RESULT impl={IMPL} case={name} threads={threads} blas={BLAS} median={statistics.median(s):.6g} "
          f"unit={unit} min={s[0]:.6g} max={s[-1]:.6g} n={len(s)} others={best_others:.0f} attempts={attempts} "
          f"samples={','.join(f'{v:.6g}' for v in best)}", flush=True)


def bench_add(repeats, threads):
    """(a) Per-op overhead: 100,000 adds of two 16-element float32 tensors; each result is freed
    when the next one replaces it (reference counting), as deterministically as the C# scopes."""
    ops = 100_000
    a = torch.randn(16)
    b = torch.randn(16)

    def sample():
        t0 = time.perf_counter()
        for _ in range(ops):
            c = a + b  # noqa: F841
        return (time.perf_counter() - t0) * 1e9 / ops

    measure("add", threads, "ns/op", repeats, 2, sample)


def bench_matmul(name, repeats, threads):
    """(b) 1024x1024 float32 matmul as GFLOP/s (2*n^3 flops)."""
    n = 1024
    flops = 2.0 * n ** 3
    a = torch.randn(n, n)
    b = torch.randn(n, n)

    def sample():
        t0 = time.perf_counter()
        c = a @ b
        del c
        return flops / (time.perf_counter() - t0) / 1e9

    # The first ~10 products run ~15% slower (OpenBLAS's threads and the allocator settling).
    measure(name, threads, "GFLOP/s", repeats, 20, sample)


def bench_mlp(name, repeats, threads):
    """(c) GPT-style MLP block forward+backward: x [8, 256, 384] (requires grad, as inside a
    network) -> Linear(384->1536) -> GELU(tanh) -> Linear(1536->384) -> sum -> backward.
    Gradients are reset to None before each step, so every step does the same work."""
    batch, tokens, width = 8, 256, 384
    hidden = 4 * width
    torch.manual_seed(1234)
    fc = torch.nn.Linear(width, hidden)
    proj = torch.nn.Linear(hidden, width)
    x = torch.randn(batch, tokens, width, requires_grad=True)

    def sample():
        t0 = time.perf_counter()
        fc.zero_grad(set_to_none=True)
        proj.zero_grad(set_to_none=True)
        x.grad = None
        y = proj(F.gelu(fc(x), approximate="tanh"))
        y.sum().backward()
        del y
        return (time.perf_counter() - t0) * 1e3

    measure(name, threads, "ms/iter", repeats, 5, sample)


def main():
    global MAX_ATTEMPTS, QUIET_WAIT_SECONDS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="{all,add,matmul,mlp,threads}")
    parser.add_argument("--repeats-scale", type=float, default=1.0)
    parser.add_argument("--max-attempts", type=int, default=MAX_ATTEMPTS)
    parser.add_argument("--quiet-wait", type=float, default=QUIET_WAIT_SECONDS)
    args = parser.parse_args()
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    MAX_ATTEMPTS = max(1, args.max_attempts)
    QUIET_WAIT_SECONDS = max(0.0, args.quiet_wait)
    cases = [c for c in args.cases if c != "all"] if args.cases and "all" not in args.cases else ["add", "matmul", "mlp", "threads"]

    def repeats(n):
        return max(3, round(n * args.repeats_scale))

    default_threads = torch.get_num_threads()
    print(f"# python: torch {torch.__version__}, Python {sys.version.split()[0]}, "
          f"torch.get_num_threads()={default_threads}", flush=True)
    for case in cases:
        if case == "add":
            bench_add(repeats(7), default_threads)
        elif case == "matmul":
            bench_matmul("matmul", repeats(40), default_threads)
        elif case == "mlp":
            bench_mlp("mlp", repeats(12), default_threads)
        elif case == "threads":
            for threads in (1, 2):
                torch.set_num_threads(threads)
                bench_matmul("matmul_threads", repeats(40), threads)
                bench_mlp("mlp_threads", repeats(12), threads)
            torch.set_num_threads(default_threads)


if __name__ == "__main__":
    main()
