#!/usr/bin/python3
"""Pools the RESULT lines of bench/run-torch-bench.sh and prints the comparison table (Markdown).

    /usr/bin/python3 bench/compare.py results.txt

Each RESULT line is one case of one program run, with its raw samples and `others`, the share of
the CPU that other processes took while it was timed. Lines of the same (impl, case, threads,
blas) are pooled and the median of the pooled samples is reported. Only quiet lines (others <=
QUIET) are pooled where there are any; a value built from busier lines is marked with its load.
"""
import argparse
import collections
import statistics
import sys

QUIET = 15.0
IMPLS = ("csharp", "python", "cpp")
GOALS = {
    # case: (title, unit, peer, ratio text, goal text, test)
    "add": ("Per-op overhead: 100,000 × add of two 16-float tensors", "ns/op", "python", "ours / Python",
            "≤ 0.50× Python", lambda r: r <= 0.50),
    "matmul": ("Matmul 1024×1024 float32 (2n³ flops)", "GFLOP/s", "cpp", "ours / C++",
               "≥ 95% of C++", lambda r: r >= 0.95),
    "mlp": ("MLP block fwd+bwd, x 8×256×384 → 1536 → GELU(tanh) → 384", "ms/iter", "python", "ours / Python",
            "≤ 1.00× PyTorch", lambda r: r <= 1.00),
}
LAYERS = [
    ("transition", "P/Invoke transition alone (a native call that does almost nothing)"),
    ("native_raw", "+ libtorch's add and TorchSharp's native wrapper (raw function pointers, no C# objects)"),
    ("torchsharp_using_alpha", "+ TorchSharp's Tensor object: `using (a.add(b, one)) {}`, alpha reused"),
    ("torchsharp_using", "+ a native alpha Scalar per call: `using (a.add(b)) {}`"),
    ("torchsharp_scope", "`a.add(b)`, dispose scope per 1,000 ops (the benchmarked case)"),
    ("torchsharp_scope_no_grad", "same under `torch.no_grad()`"),
]


class Value:
    """The pooled median of one (impl, case, threads, blas), and how loaded its lines were."""

    def __init__(self, lines):
        quiet = [l for l in lines if l["others"] <= QUIET]
        self.quiet = bool(quiet)
        used = quiet or lines
        self.median = statistics.median(v for l in used for v in l["samples"])
        self.others = max(l["others"] for l in used)
        self.lines, self.total_lines = len(used), len(lines)
        # Per round (all lines, quiet or not): the median of that round's samples and its load.
        by_round = collections.defaultdict(list)
        for l in lines:
            by_round[l["round"]].append(l)
        self.rounds = {r: (statistics.median(v for l in g for v in l["samples"]), max(l["others"] for l in g))
                       for r, g in by_round.items()}

    def cell(self, digits):
        text = f"{self.median:.{digits}f}"
        return text if self.quiet else f"{text} (busy {self.others:.0f}%)"


def parse(path):
    lines = collections.defaultdict(list)
    round_ = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("== round "):
                round_ = int(line.split()[2].split("/")[0])
                continue
            if not line.startswith("RESULT "):
                continue
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            key = (fields["impl"], fields["case"], fields["threads"], fields.get("blas", "default"))
            lines[key].append({
                "samples": [float(v) for v in fields["samples"].split(",")],
                "others": float(fields.get("others", 0)),
                "round": round_,
            })
    return {key: Value(group) for key, group in lines.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    args = parser.parse_args()
    values = parse(args.results)

    def get(impl, case, threads=None, blas="default"):
        for (i, c, t, b), v in values.items():
            if i == impl and c == case and b == blas and (threads is None or t == str(threads)):
                return v
        return None

    used = list(values.values())
    quiet_lines = sum(v.lines for v in used if v.quiet)
    all_lines = sum(v.total_lines for v in used)
    busy_cells = [v for v in used if not v.quiet]
    print(f"Load: {quiet_lines} of {all_lines} case runs were quiet (other processes took ≤ {QUIET:.0f}% of the CPU); "
          + ("every figure below comes from quiet runs only." if not busy_cells else
             f"{len(busy_cells)} figure(s) had no quiet run and are marked with their load."))
    print()

    print("| Case | Unit | Ours (C#) | PyTorch (Python) | libtorch (C++) | Ratio | Goal | Met? |")
    print("|---|---|---:|---:|---:|---|---|---|")
    verdicts = {}
    paired = {}
    for case, (title, unit, peer_impl, ratio_text, goal_text, test) in GOALS.items():
        digits = 0 if unit == "ns/op" else 1
        row = {impl: get(impl, case) for impl in IMPLS}
        ours, peer = row["csharp"], row[peer_impl]
        ratio = ours.median / peer.median if ours and peer else None
        met = test(ratio) if ratio is not None else None
        cells = [row[i].cell(digits) if row[i] else "—" for i in IMPLS]
        if ours and peer:
            common = sorted(set(ours.rounds) & set(peer.rounds))
            paired[case] = [(r, ours.rounds[r][0] / peer.rounds[r][0], max(ours.rounds[r][1], peer.rounds[r][1])) for r in common]
        reliable = bool(ours and peer and ours.quiet and peer.quiet)
        ratio_cell = "—" if ratio is None else f"{ratio:.2f} ({ratio_text})" + ("" if reliable else ", not comparable: busy")
        met_cell = "—" if met is None else ("**yes**" if met else "**no**") + ("" if reliable else " (busy)")
        verdicts[case] = (ratio, met, goal_text, reliable)
        print(f"| {title} | {unit} | {' | '.join(cells)} | {ratio_cell} | {goal_text} | {met_cell} |")

    if paired:
        print()
        print("Paired ratios, round by round (each case ran in C#, Python and C++ back to back; "
              "in brackets, the most CPU other processes took during either run):")
        print()
        for case, pairs in paired.items():
            if pairs:
                ratios = [p[1] for p in pairs]
                print(f"- {case} ({GOALS[case][3]}): median {statistics.median(ratios):.2f}; "
                      + ", ".join(f"round {r}: {x:.2f} [{o:.0f}%]" for r, x, o in pairs))

    cpp_add, cpp_held, cs_add, py_add = get("cpp", "add"), get("cpp", "add_held1000"), get("csharp", "add"), get("python", "add")
    if cpp_add and py_add and cs_add:
        print()
        print(f"Per-op floor: libtorch's own `at::add`, called from C++, takes {cpp_add.median:.0f} ns "
              f"= {cpp_add.median / py_add.median:.2f}× Python's {py_add.median:.0f} ns"
              + (f" ({cpp_held.median:.0f} ns when 1,000 results are held alive, as a dispose scope does)" if cpp_held else "")
              + f". Above that floor ours adds {cs_add.median - cpp_add.median:.0f} ns per op"
              + (f" ({cs_add.median - cpp_held.median:.0f} ns against the held-alive floor)" if cpp_held else "")
              + f", Python {py_add.median - cpp_add.median:.0f} ns.")

    rows = [(label, get("csharp", f"add_breakdown.{name}")) for name, label in LAYERS]
    if any(v for _, v in rows):
        print()
        print("Where one C# `a.add(b)` goes (ns/op; rows 2–4 add one layer each to the row above):")
        print()
        print("| Layer | ns/op |")
        print("|---|---:|")
        for label, v in rows:
            if v:
                print(f"| {label} | {v.cell(1 if v.median < 10 else 0)} |")

    print()
    print("Threads (torch.set_num_threads × OpenBLAS's own pool, which OPENBLAS_NUM_THREADS sizes):")
    print()
    print("| torch threads | OpenBLAS threads | matmul C# GFLOP/s | matmul Python | matmul C++ | MLP C# ms | MLP Python ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    mlp = {}
    for blas in ("default", "1"):
        for threads in (1, 2):
            row = [get("csharp", "matmul_threads", threads, blas), get("python", "matmul_threads", threads, blas),
                   get("cpp", "matmul_threads", threads, blas), get("csharp", "mlp_threads", threads, blas),
                   get("python", "mlp_threads", threads, blas)]
            if not any(row):
                continue
            for impl, v in (("csharp", row[3]), ("python", row[4])):
                if v:
                    mlp[(impl, threads, blas)] = (v.median, v.quiet)
            blas_label = "default (one per core: 2)" if blas == "default" else blas
            print(f"| {threads} | {blas_label} | " + " | ".join(v.cell(1) if v else "—" for v in row) + " |")
    for impl, name in (("csharp", "C#"), ("python", "Python")):
        settings = {k[1:]: v for k, v in mlp.items() if k[0] == impl}
        if settings:
            best = min(settings, key=lambda k: settings[k][0])
            print()
            print(f"Fastest MLP setting ({name}, torch threads/OpenBLAS threads): {best[0]}/{best[1]} "
                  f"({settings[best][0]:.1f} ms); all: "
                  + ", ".join(f"{t}/{b} {v:.1f} ms{'' if q else ' (busy)'}" for (t, b), (v, q) in sorted(settings.items())) + ".")

    print()
    for case, (ratio, met, goal_text, reliable) in verdicts.items():
        if ratio is not None:
            print(f"- goal {case}: ratio {ratio:.2f}, {goal_text}: {'met' if met else 'MISSED'}"
                  + ("" if reliable else " (from runs under load: not a fair comparison)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
