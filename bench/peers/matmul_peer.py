"""The peer of bench/Inference.Bench's `matmul` mode: the same float32 products, timed the same way, in plain PyTorch
(Debian's python3-torch, OpenBLAS). One line per shape: "M K N median_ms gflops"."""
import sys
import time

import torch

SHAPES = [(32, 768, 3072), (32, 3072, 768), (32, 768, 50257), (1, 768, 3072), (2048, 256, 1024)]


def main() -> None:
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    print(f"# peer: torch {torch.__version__}, threads {torch.get_num_threads()}")
    with torch.no_grad():
        for m, k, n in SHAPES:
            a, b = torch.randn(m, k), torch.randn(k, n)
            calls = max(5, int(2e9 / (2.0 * m * k * n)))
            for _ in range(3):
                torch.matmul(a, b)
            times = []
            for _ in range(7):
                start = time.perf_counter()
                for _ in range(calls):
                    torch.matmul(a, b)
                times.append((time.perf_counter() - start) * 1000 / calls)
            times.sort()
            ms = times[len(times) // 2]
            print(f"{m} {k} {n} {ms:.4f} {2.0 * m * k * n / ms / 1e6:.1f}")


if __name__ == "__main__":
    main()
