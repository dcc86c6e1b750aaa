#!/usr/bin/python3
"""Pools the RESULT lines of bench/run-torch-bench.sh and prints the comparison table (Markdown).

    /usr/bin/python3 bench/compare.py results.txt [--machine "..."]

Each RESULT line carries its raw samples; samples of the same (impl, case, threads, blas) from all
rounds are pooled and the median of the pool is reported. The rounds interleave the three
implementations, so a burst of load from another process on this shared 2-core machine lands on
all of them alike rather than on whichever happened to run at that moment.
"""
import argparse
import collections
import statistics
import sys

GOALS = {
    # case: (ours, peer, unit, how the ratio is formed, goal text, test)
    "add": ("csharp", "python", "ns/op", "ours / Python", "≤ 0.50× Python", lambda r: r <= 0.50),
    "matmul": ("csharp", "cpp", "GFLOP/s", "ours / C++", "≥ 95% of C++", lambda r: r >= 0.95),
    "mlp": ("csharp", "python", "ms/iter", "ours / Python", "≤ 1.00× PyTorch", lambda r: r <= 1.00),
}
TITLES = {
    "add": "Per-op overhead: 100,000 × add of two 16-float tensors",
    "matmul": "Matmul 1024×1024 float32 (2n³ flops)",
    "mlp": "MLP block fwd+bwd, x 8×256×384 → 1536 → GELU(tanh) → 384",
}


def parse(path):
    pooled = collections.defaultdict(list)
    rounds = collections.defaultdict(list)
    units = {}
    loads = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("LOAD "):
                loads.append(int(dict(kv.split("=", 1) for kv in line.split()[1:])["others_percent"]))
                continue
            if not line.startswith("RESULT "):
                continue
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            key = (fields["impl"], fields["case"], fields["threads"], fields.get("blas", "default"))
            samples = [float(v) for v in fields["samples"].split(",")]
            pooled[key].extend(samples)
            rounds[key].append(float(fields["median"]))
            units[key] = fields["unit"]
    return pooled, rounds, units, loads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    args = parser.parse_args()
    pooled, rounds, units, loads = parse(args.results)
    if loads:
        print(f"CPU used by other processes during the rounds: {', '.join(f'{v}%' for v in loads)}"
              + (" — WARNING: the machine was busy, so these figures are not representative." if max(loads) >= 20 else "."))
        print()

    def med(impl, case, threads=None, blas="default"):
        keys = [k for k in pooled if k[0] == impl and k[1] == case and k[3] == blas and (threads is None or k[2] == str(threads))]
        if not keys:
            return None
        return statistics.median(pooled[keys[0]]), rounds[keys[0]], len(pooled[keys[0]])

    def fmt(v, unit):
        if v is None:
            return "—"
        return f"{v:.0f}" if unit == "ns/op" else f"{v:.1f}"

    print("| Case | Unit | Ours (C#) | PyTorch (Python) | libtorch (C++) | Ratio | Goal | Met? |")
    print("|---|---|---:|---:|---:|---|---|---|")
    verdicts = {}
    for case, (ours_impl, peer_impl, unit, ratio_text, goal_text, test) in GOALS.items():
        values = {impl: med(impl, case) for impl in ("csharp", "python", "cpp")}
        ours, peer = values[ours_impl], values[peer_impl]
        ratio = ours[0] / peer[0] if ours and peer else None
        met = test(ratio) if ratio is not None else None
        verdicts[case] = (ratio, met)
        cells = [fmt(values[i][0] if values[i] else None, unit) for i in ("csharp", "python", "cpp")]
        ratio_cell = f"{ratio:.2f} ({ratio_text})" if ratio is not None else "—"
        met_cell = "—" if met is None else ("**yes**" if met else "**no**")
        print(f"| {TITLES[case]} | {unit} | {cells[0]} | {cells[1]} | {cells[2]} | {ratio_cell} | {goal_text} | {met_cell} |")
    # The C++ floor for the per-op case, and ours against it.
    cpp_add, cs_add, py_add = med("cpp", "add"), med("csharp", "add"), med("python", "add")
    cpp_held = med("cpp", "add_held1000")
    print()
    if cpp_add and py_add:
        print(f"Per-op floor: libtorch's own at::add from C++ takes {cpp_add[0]:.0f} ns "
              f"= {cpp_add[0] / py_add[0]:.2f}× Python's {py_add[0]:.0f} ns"
              + (f" ({cpp_held[0]:.0f} ns when 1,000 results are held alive, as a dispose scope does)" if cpp_held else "")
              + (f"; ours adds {cs_add[0] - cpp_add[0]:.0f} ns per op on top of it, Python {py_add[0] - cpp_add[0]:.0f} ns." if cs_add else "."))

    layers = [
        ("transition", "P/Invoke transition alone (a native call that does nothing)"),
        ("shim_raw", "+ libtorch's add and the shim (raw function pointers, no C# objects)"),
        ("safehandle_args", "+ SafeHandle arguments (AddRef/Release around the call)"),
        ("safehandle_result", "+ SafeHandle result (one finalizable object per tensor, then Dispose)"),
        ("binding_using", "the binding: `using (a.add(b)) {}`"),
        ("binding_scope", "the binding: `a.add(b)`, dispose scope per 1,000 ops (the benchmarked case)"),
        ("binding_scope_no_grad", "same under `torch.no_grad()`"),
    ]
    rows = [(label, med("csharp", f"add_breakdown.{name}")) for name, label in layers]
    if any(v for _, v in rows):
        print()
        print("Where one C# `a.add(b)` goes (ns/op, medians; rows 2–4 add one layer each):")
        print()
        print("| Layer | ns/op |")
        print("|---|---:|")
        for label, v in rows:
            if v:
                print(f"| {label} | {v[0]:.1f} |" if v[0] < 10 else f"| {label} | {v[0]:.0f} |")

    # Threads: torch.set_num_threads(1|2), with OpenBLAS's own pool at its default or pinned to 1.
    print()
    print("Threads (medians; torch.set_num_threads × OpenBLAS threads):")
    print()
    print("| torch threads | OpenBLAS threads | matmul C# GFLOP/s | matmul Python | matmul C++ | MLP C# ms | MLP Python ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    mlp_by_setting = {}
    for blas in ("default", "1"):
        for threads in (1, 2):
            row = [
                med("csharp", "matmul_threads", threads, blas), med("python", "matmul_threads", threads, blas),
                med("cpp", "matmul_threads", threads, blas), med("csharp", "mlp_threads", threads, blas),
                med("python", "mlp_threads", threads, blas),
            ]
            if not any(row):
                continue
            if row[3]:
                mlp_by_setting[(threads, blas)] = row[3][0]
            cells = [fmt(v[0] if v else None, "x") for v in row]
            blas_label = "default (2 here)" if blas == "default" else blas
            print(f"| {threads} | {blas_label} | " + " | ".join(cells) + " |")
    if mlp_by_setting:
        best = min(mlp_by_setting, key=mlp_by_setting.get)
        worst = max(mlp_by_setting, key=mlp_by_setting.get)
        print()
        print(f"Fastest MLP setting (C#): torch.set_num_threads({best[0]}) with OpenBLAS threads = "
              f"{'default' if best[1] == 'default' else best[1]} ({mlp_by_setting[best]:.1f} ms; slowest "
              f"{mlp_by_setting[worst]:.1f} ms at torch {worst[0]} / OpenBLAS {worst[1]}).")

    print()
    for case, (ratio, met) in verdicts.items():
        if ratio is None:
            continue
        print(f"- goal {case}: ratio {ratio:.2f}, {GOALS[case][4]}: {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
