#!/usr/bin/python3
"""Driver of bench/run-decode-bench.sh: runs ours (bench/Inference.Bench) and the plain-PyTorch peer
(bench/peers/decode_peer.py) as two long-lived processes and alternates them run by run (ours first on even
repeats, the peer first on odd ones), so that on a shared machine both see the same load; then prints the
comparison table. Needs no torch itself.

usage: decode_compare.py --ours CMD --peer CMD --plan SPEC,... [--generator SPEC] [--out DIR]
  SPEC is PRESET:BATCH:MODE:NEW:REPEATS (MODE kv or recompute); --generator is PRESET:BATCH:NEW:REPEATS.
"""
import argparse, os, shlex, statistics, subprocess, sys, tempfile


class Impl:
    def __init__(self, name, command, log):
        self.name, self.log = name, log
        self.proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, command):
        """Sends one command; returns the lines of its answer (up to DONE), echoing them."""
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        lines = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit(f"{self.name} exited during '{command}' (status {self.proc.wait()})")
            line = line.rstrip("\n")
            if line == "DONE":
                return lines
            self.log.write(line + "\n")
            self.log.flush()
            if line.startswith("ERROR"):
                sys.exit(f"{self.name}: {line}")
            if line.startswith("#") or line.startswith("GENERATOR"):
                print(f"  {line}", flush=True)
            lines.append(line)

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait()


def fields(line):
    return dict(x.split("=", 1) for x in line.split()[1:])


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ours", required=True)
    p.add_argument("--peer", required=True)
    p.add_argument("--plan", required=True)
    p.add_argument("--generator")
    p.add_argument("--out", default=tempfile.mkdtemp(prefix="decode-bench-"))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    ours = Impl("ours", a.ours, open(os.path.join(a.out, "ours.log"), "w"))
    peer = Impl("peer", a.peer, open(os.path.join(a.out, "peer.log"), "w"))
    for impl in (ours, peer):  # the banner lines
        banner = impl.proc.stdout.readline()
        print(f"  {banner.rstrip()}", flush=True)
        impl.log.write(banner)
        impl.log.flush()

    print("== same function? ours exports tiny weights; the peer recomputes our logits and greedy tokens", flush=True)
    check_dir = os.path.join(a.out, "check")
    ours.ask(f"export {check_dir}")
    answer = peer.ask(f"check {check_dir}")
    if not any("-> OK" in line for line in answer):
        sys.exit("the peer does not compute the same function as ours; its timings would not be comparable")

    plan = [s.strip() for s in a.plan.split(",") if s.strip()]
    results = {}  # (preset, batch, mode, new) -> {"ours": [fields], "peer": [fields]}
    loads = []
    for index, spec in enumerate(plan):
        preset, batch, mode, new, repeats = spec.split(":")
        key = (preset, int(batch), mode, int(new))
        results[key] = {"ours": [], "peer": []}
        before = loadavg()
        for r in range(int(repeats)):
            order = (ours, peer) if (r + index) % 2 == 0 else (peer, ours)
            for impl in order:
                line = next(l for l in impl.ask(f"run {preset}:{batch}:{mode}:{new}:1") if l.startswith("DECODE"))
                results[key][impl.name].append(fields(line))
        loads.append(before)
        o, q = (statistics.median(float(x["decode_s"]) for x in results[key][n]) for n in ("ours", "peer"))
        tokens = int(batch) * (int(new) - 1)
        print(f"  {spec:28s} ours {tokens / o:9.1f} tok/s   peer {tokens / q:9.1f} tok/s   ours/peer {q / o:5.2f}   (load {before})", flush=True)

    generator = None
    if a.generator:
        print(f"== CompletionGenerator end to end vs the bare loop (ours), {a.generator}", flush=True)
        generator = fields(next(l for l in ours.ask(f"generator {a.generator}") if l.startswith("GENERATOR")))
    ours.close()
    peer.close()

    table = render(results, generator, loads)
    with open(os.path.join(a.out, "table.md"), "w") as f:
        f.write(table)
    print(table)


def render(results, generator, loads):
    def med(key, impl, field):
        return statistics.median(float(x[field]) for x in results[key][impl])

    def tok(key, impl):  # decode tokens/s from the median decode time
        return key[1] * (key[3] - 1) / med(key, impl, "decode_s")

    def cpu(key, impl):  # decode tokens per CPU-second (all threads of the process), less sensitive to other load
        return key[1] * (key[3] - 1) / med(key, impl, "decode_cpu_s")

    out = ["", "### Decode tokens/s (greedy, prompt 16, prefill excluded; median over repeats, ours and peer alternated)", "",
           "| preset | batch | cache | new | repeats | ours tok/s | peer tok/s | ours/peer | ours prefill ms | peer prefill ms "
           "| ours tok/CPU-s | peer tok/CPU-s | ours/peer (CPU) |",
           "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key in results:
        o, q = tok(key, "ours"), tok(key, "peer")
        out.append(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {len(results[key]['ours'])} | {o:.1f} | {q:.1f} | {o / q:.2f}× | "
                   f"{med(key, 'ours', 'prefill_ms'):.1f} | {med(key, 'peer', 'prefill_ms'):.1f} | "
                   f"{cpu(key, 'ours'):.1f} | {cpu(key, 'peer'):.1f} | {cpu(key, 'ours') / cpu(key, 'peer'):.2f}× |")

    out += ["", "### KV cache vs recomputation (decode tokens/s, same preset, batch and length)", "",
            "| preset | batch | new | ours kv / recompute | peer kv / recompute | goal: ≥ 5× at 256 new tokens |", "|---|---:|---:|---:|---:|---|"]
    for key in results:
        r = (key[0], key[1], "recompute", key[3])
        if key[2] != "kv" or r not in results:
            continue
        so, sp = tok(key, "ours") / tok(r, "ours"), tok(key, "peer") / tok(r, "peer")
        goal = ("met" if so >= 5 else "MISSED") if key[3] == 256 else "(not 256 tokens)"
        out.append(f"| {key[0]} | {key[1]} | {key[3]} | {so:.1f}× | {sp:.1f}× | {goal} |")

    out += ["", "### Batch 32 vs batch 1 (kv decode tokens/s)", "",
            "| preset | new | ours b32 / b1 | peer b32 / b1 | goal: ≥ 4× |", "|---|---:|---:|---:|---|"]
    for key in results:
        k32 = (key[0], 32, key[2], key[3])
        if key[2] != "kv" or key[1] != 1 or k32 not in results:
            continue
        ro, rp = tok(k32, "ours") / tok(key, "ours"), tok(k32, "peer") / tok(key, "peer")
        out.append(f"| {key[0]} | {key[3]} | {ro:.1f}× | {rp:.1f}× | {'met' if ro >= 4 else 'MISSED'} |")

    ratios = sorted((tok(k, "ours") / tok(k, "peer"), k) for k in results)
    out += ["", "### Goals", ""]
    low, k = ratios[0]
    out.append(f"- ours ≥ 1.0× the peer's decode tokens/s everywhere: {'met' if low >= 1.0 else 'MISSED'} "
               f"(lowest {low:.2f}× at {k[0]} batch {k[1]} {k[2]} {k[3]} new; highest {ratios[-1][0]:.2f}×)")
    if generator:
        g = generator
        out.append(f"- CompletionGenerator end to end ({g['preset']}, batch {g['batch']}, {g['new']} new tokens, greedy, median of "
                   f"{g['repeats']}, prefill included): {g['generator_e2e_tok_s']} tok/s vs the bare loop's {g['loop_e2e_tok_s']} tok/s, "
                   f"overhead {g['overhead_pct']}%, same tokens: {g['same_tokens']}")
    out.append(f"- load average (1/5/15 min) before each configuration: {'; '.join(loads)}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
