#!/usr/bin/env bash
# Matrix products at the model's shapes, in one command: ours with oneMKL's vendor check answered (MklCpuDispatch, the
# default), ours with oneMKL's own choice (INSTRUCTGPT_MKL_DISPATCH=off), and the peer (bench/peers/matmul_peer.py,
# Debian's PyTorch with OpenBLAS), alternated for ROUNDS rounds; prints the median GFLOP/s of each and the ratios.
#
#   bench/run-matmul-bench.sh              # 3 rounds, 2 threads (about 2 minutes on 2 cores)
#   ROUNDS=5 THREADS=1 bench/run-matmul-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/matmul-bench-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT_DIR"
dotnet build bench/Inference.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log"; exit 1; }
ours="bench/Inference.Bench/bin/Release/net10.0/InstructGpt.Inference.Bench.dll"
echo "== $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); threads $THREADS; load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= ROUNDS; round++)); do
  dotnet "$ours" matmul "$THREADS" >"$OUT_DIR/dispatch.$round" 2>&1
  INSTRUCTGPT_MKL_DISPATCH=off dotnet "$ours" matmul "$THREADS" >"$OUT_DIR/vendor.$round" 2>&1
  /usr/bin/python3 bench/peers/matmul_peer.py "$THREADS" >"$OUT_DIR/peer.$round" 2>&1
done
head -1 "$OUT_DIR/dispatch.1"; head -1 "$OUT_DIR/vendor.1"; head -1 "$OUT_DIR/peer.1"
/usr/bin/python3 - "$OUT_DIR" "$ROUNDS" <<'PY' | tee "$OUT_DIR/table.md"
import statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def read(kind):
    rows = {}
    for r in range(1, rounds + 1):
        for line in open(f"{out}/{kind}.{r}"):
            if line.startswith("#") or not line.strip():
                continue
            m, k, n, ms, gflops = line.split()
            rows.setdefault((m, k, n), []).append((float(ms), float(gflops)))
    return {shape: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for shape, v in rows.items()}
d, v, p = read("dispatch"), read("vendor"), read("peer")
print("| product (float32) | ours, vendor check answered | ours, oneMKL's own choice | peer (OpenBLAS) | answered / own | answered / peer |")
print("|---|---:|---:|---:|---:|---:|")
for shape in d:
    m, k, n = shape
    print(f"| [{m} × {k}] × [{k} × {n}] | {d[shape][0]:.3f} ms ({d[shape][1]:.0f} GFLOP/s) | {v[shape][0]:.3f} ms ({v[shape][1]:.0f}) "
          f"| {p[shape][0]:.3f} ms ({p[shape][1]:.0f}) | {v[shape][0] / d[shape][0]:.2f}× | {p[shape][0] / d[shape][0]:.2f}× |")
PY
echo "== load at the end $(cut -d' ' -f1-3 /proc/loadavg); rounds in $OUT_DIR"
