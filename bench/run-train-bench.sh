#!/usr/bin/env bash
# Training throughput benchmark, ours vs plain PyTorch, in one command: builds bench/Training.Bench (Release), which
# builds the default world and the tiny tokenizer and exports each workload's batches and a reference step; then, per
# workload (tiny pretraining, tiny SFT), runs ours and the peer (bench/peers/train_peer.py, which first checks that it
# reproduces ours' training step on ours' weights) as two long-lived processes, alternating them round by round
# (bench/Training.Bench/train_compare.py), and prints the comparison table and the goal (ours ≥ 1.0× the peer).
#
#   bench/run-train-bench.sh              # 8 rounds × 20 timed steps per workload (5 minutes on a quiet 2-core machine, 15 busy)
#   ROUNDS=6 STEPS=30 bench/run-train-bench.sh
#   THREADS=2 bench/run-train-bench.sh    # intra-op threads for both (default: ours' default, INSTRUCTGPT_NUM_THREADS
#                                         # unset, which `Training.Bench threads` reports; the peer gets the same number)
#   WORKLOADS=sft bench/run-train-bench.sh
#   QUICK=1 bench/run-train-bench.sh      # a smoke run of the whole pipeline (1 round × 3 steps; figures not meaningful)
#
# Logs and the table go to $OUT_DIR (default ${TMPDIR:-/tmp}/train-bench-<time>/): ours-*.log, peer-*.log, table.md;
# the prepared world, tokenizer and batches to $OUT_DIR/home.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 PYTHONDONTWRITEBYTECODE=1
PY=/usr/bin/python3 # Debian's python3-torch (libtorch 1.13; ours runs TorchSharp's 2.10); a python3 on PATH may have no torch
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/train-bench-$(date +%Y%m%d-%H%M%S)}
WORKLOADS=${WORKLOADS:-pretrain,sft}
if [[ -n "${QUICK:-}" ]]; then ROUNDS=1 STEPS=3 WARMUP=1 PROFILE=2; fi
ROUNDS=${ROUNDS:-8} STEPS=${STEPS:-20} WARMUP=${WARMUP:-2} PROFILE=${PROFILE:-5}
# Ours (TorchRuntime) sets OMP_WAIT_POLICY=passive unless the user chose one (docs/benchmarks.md, decode); the peer gets the same.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
if [[ -n "${THREADS:-}" ]]; then export INSTRUCTGPT_NUM_THREADS=$THREADS; else unset INSTRUCTGPT_NUM_THREADS; fi

"$PY" -c 'import torch' 2>/dev/null || { echo "$PY has no torch: apt-get install python3-torch" >&2; exit 1; }
mkdir -p "$OUT_DIR"
echo "== building bench/Training.Bench (Release)"
dotnet build bench/Training.Bench/InstructGpt.Training.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT_DIR/build.log" 2>&1 ||
  { cat "$OUT_DIR/build.log"; exit 1; }
OURS="dotnet bench/Training.Bench/bin/Release/net10.0/InstructGpt.Training.Bench.dll"
# Unset, THREADS is ours' own default (libtorch's choice for this machine); the driver stops if ours reports another count.
THREADS=${THREADS:-$($OURS threads)}

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "== machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); peer libtorch $(dpkg-query -W -f='${Version}' libtorch-dev 2>/dev/null || echo '?')," \
  "BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo '?'); dotnet $(dotnet --version); $("$PY" --version 2>&1);" \
  "OMP_WAIT_POLICY=$OMP_WAIT_POLICY OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-(default)}; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

echo "== preparing: the default world, the tiny tokenizer, $((STEPS + 1)) batches per workload and the reference steps"
batches=$(( STEPS > WARMUP ? STEPS + 1 : WARMUP + 1 ))
batches=$(( PROFILE + 1 > batches ? PROFILE + 1 : batches ))
$OURS prepare --home "$OUT_DIR/home" --batches "$batches"

"$PY" bench/Training.Bench/train_compare.py --out "$OUT_DIR" --workloads "$WORKLOADS" --rounds "$ROUNDS" --steps "$STEPS" \
  --warmup "$WARMUP" --profile "$PROFILE" \
  --ours "$OURS serve --home $OUT_DIR/home" \
  --peer "$PY bench/peers/train_peer.py --serve --home $OUT_DIR/home --threads $THREADS"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs and table in $OUT_DIR"
