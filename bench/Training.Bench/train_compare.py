#!/usr/bin/python3
"""Driver of bench/run-train-bench.sh: for each workload, runs ours (bench/Training.Bench serve) and the plain-PyTorch
peer (bench/peers/train_peer.py --serve) as two long-lived processes, warms both up, then alternates them round by
round (ABAB, the first one swapping every round) so that on a shared machine both see the same load; then a phase
profile of both, their peak RSS, and the comparison table. Needs no torch itself.

usage: train_compare.py --ours CMD --peer CMD [--workloads pretrain,sft] [--rounds R] [--steps N] [--warmup W]
                        [--profile P] [--out DIR]
  CMD gets "--workload NAME" appended. Each round times steps 1..N of a run of steps 0..N (step 0 is set-up).
"""
import argparse, os, statistics, sys

sys.dont_write_bytecode = True  # bench/ holds tracked files only
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from decode_compare import Impl, fields, loadavg  # noqa: E402  the same stdin/stdout protocol and log handling

PHASES = ["batch", "forward", "loss", "backward", "clip", "adamw", "zero_grad", "release"]


def threads(banner_lines):
    """The intra-op thread count a banner line reports."""
    line = next(l for l in banner_lines if "intra-op threads" in l)
    return int(line.split("intra-op threads ")[1].split(",")[0])


def measure(workload, index, a, out):
    logs = {name: open(os.path.join(out, f"{name}-{workload}.log"), "w") for name in ("ours", "peer")}
    ours = Impl("ours", f"{a.ours} --workload {workload}", logs["ours"])
    peer = Impl("peer", f"{a.peer} --workload {workload}", logs["peer"])
    print(f"== {workload}: start-up (the peer checks that it computes ours' training step)", flush=True)
    banners = {impl.name: impl.ask("ready") for impl in (ours, peer)}
    if threads(banners["ours"]) != threads(banners["peer"]):
        sys.exit(f"ours runs {threads(banners['ours'])} intra-op threads and the peer {threads(banners['peer'])}; set THREADS for both")
    for impl in (ours, peer):
        impl.ask(f"warmup {a.warmup}")

    rounds = []  # (ours fields, peer fields, load average before)
    for r in range(a.rounds):
        load = loadavg()
        order = (ours, peer) if (r + index) % 2 == 0 else (peer, ours)
        result = {impl.name: fields(next(l for l in impl.ask(f"round {a.steps}") if l.startswith("TRAIN"))) for impl in order}
        o, p = result["ours"], result["peer"]
        if (o["positions"], o["trained"]) != (p["positions"], p["trained"]):
            sys.exit(f"round {r + 1}: ours trained on {o['positions']}/{o['trained']} tokens and the peer on {p['positions']}/{p['trained']}: not the same batches")
        rounds.append((o, p, load))
        print(f"  round {r + 1}/{a.rounds} ({order[0].name} first): ours {float(o['tok_s']):8.1f} tok/s   peer {float(p['tok_s']):8.1f} tok/s   "
              f"ours/peer {float(o['tok_s']) / float(p['tok_s']):5.2f}   per CPU-s {float(p['cpu_s']) / float(o['cpu_s']):5.2f}   (load {load})", flush=True)

    profiles = {}
    if a.profile:
        for impl in ((ours, peer) if index % 2 == 0 else (peer, ours)):
            profiles[impl.name] = fields(next(l for l in impl.ask(f"profile {a.profile}") if l.startswith("PROFILE")))
    rss = {impl.name: float(fields(next(l for l in impl.ask("stats") if l.startswith("STATS")))["peak_rss_mb"]) for impl in (ours, peer)}
    for impl in (ours, peer):
        impl.close()
    return {"rounds": rounds, "profiles": profiles, "rss": rss, "threads": threads(banners["ours"])}


def best_of_rounds(rounds, side, count):
    """Tokens per second if every step had run as fast as its fastest round: the same batch in every round, so the
    per-step minimum over rounds drops the time that other processes took from it (they only ever add time)."""
    steps = [[float(x) for x in r[side]["step_ms"].split(",")] for r in rounds]
    fastest = sum(min(column) for column in zip(*steps)) / 1000
    return float(rounds[0][side][count]) / fastest


def render(results, a):
    med = statistics.median
    out = ["", f"### Training tokens/s (tiny preset, CPU; {a.rounds} rounds × {a.steps} timed steps after {a.warmup + 1} warm-up steps, "
                "ours and the peer alternated round by round)", "",
           "| workload | tokens counted | ours tok/s | peer tok/s | ours/peer (median of per-round ratios) | range of per-round ratios "
           "| ours best-of-rounds tok/s | peer best-of-rounds tok/s | ours/peer (best-of-rounds) |",
           "|---|---|---:|---:|---:|---|---:|---:|---:|"]
    goals = []
    for workload, r in results.items():
        rounds = [{"ours": o, "peer": p} for o, p, _ in r["rounds"]]
        kinds = [("tok_s", "positions", "all (B × T)")] + ([("trained_tok_s", "trained", "completion (trained)")] if workload == "sft" else [])
        for key, count, label in kinds:
            ours = [float(x["ours"][key]) for x in rounds]
            peer = [float(x["peer"][key]) for x in rounds]
            ratios = sorted(x / y for x, y in zip(ours, peer))
            best_ours, best_peer = best_of_rounds(rounds, "ours", count), best_of_rounds(rounds, "peer", count)
            out.append(f"| {workload} | {label} | {med(ours):.1f} | {med(peer):.1f} | {med(ratios):.2f}× | {ratios[0]:.2f}–{ratios[-1]:.2f} "
                       f"| {best_ours:.1f} | {best_peer:.1f} | {best_ours / best_peer:.2f}× |")
            if key == "tok_s":
                goals.append((workload, med(ratios), best_ours / best_peer))

    out += ["", "| workload | ours step ms (median) | peer step ms (median) | ours tok/CPU-s | peer tok/CPU-s | ours/peer (CPU) "
                "| ours peak RSS MB | peer peak RSS MB |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for workload, r in results.items():
        # Tokens per CPU-second of the whole process (all threads), less distorted by other processes' load than wall time.
        cpu = {side: [float(x[i]["positions"]) / float(x[i]["cpu_s"]) for x in r["rounds"]] for i, side in enumerate(("ours", "peer"))}
        step = {side: med(float(x[i]["step_ms_median"]) for x in r["rounds"]) for i, side in enumerate(("ours", "peer"))}
        out.append(f"| {workload} | {step['ours']:.1f} | {step['peer']:.1f} | {med(cpu['ours']):.1f} | {med(cpu['peer']):.1f} "
                   f"| {med(x / y for x, y in zip(cpu['ours'], cpu['peer'])):.2f}× | {r['rss']['ours']:.0f} | {r['rss']['peer']:.0f} |")
    out += ["", "tokens counted: all = every position of the batch (pretraining: 16 × 128; SFT: 16 × the batch's longest "
                "demonstration, padding included); completion = the tokens the SFT loss covers (what the stage's "
                "tokens_per_second reports). Both counts are the same for ours and the peer (same batches, checked per round)."]

    if any(r["profiles"] for r in results.values()):
        out += ["", f"### Where a step's time goes (median ms per phase over {a.profile} profiled steps)", "",
                "| workload | impl | " + " | ".join(PHASES) + " | sum |", "|---|---|" + "---:|" * (len(PHASES) + 1)]
        for workload, r in results.items():
            for name in ("ours", "peer"):
                if name in r["profiles"]:
                    values = [float(r["profiles"][name][f"{p}_ms"]) for p in PHASES]
                    out.append(f"| {workload} | {name} | " + " | ".join(f"{v:.1f}" for v in values) + f" | {sum(values):.1f} |")

    out += ["", "### Goal", ""]
    for workload, ratio, best in goals:
        out.append(f"- {workload}: ours ≥ 1.0× the peer's tokens/s: {'met' if ratio >= 1.0 else 'MISSED'} "
                   f"({ratio:.2f}× median of per-round ratios; {best:.2f}× best-of-rounds)")
    loads = "; ".join(f"{w}: " + ", ".join(load for _, _, load in r["rounds"]) for w, r in results.items())
    out.append(f"- intra-op threads: {next(iter(results.values()))['threads']} in both; load average (1/5/15 min) before each round: {loads}")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ours", required=True)
    p.add_argument("--peer", required=True)
    p.add_argument("--workloads", default="pretrain,sft")
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=2, help="a warm-up run of steps 0..W in each process before the rounds")
    p.add_argument("--profile", type=int, default=5, help="profiled steps (0: no profile)")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = {w: measure(w, i, a, a.out) for i, w in enumerate(x.strip() for x in a.workloads.split(",") if x.strip())}
    table = render(results, a)
    with open(os.path.join(a.out, "table.md"), "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
