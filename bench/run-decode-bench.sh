#!/usr/bin/env bash
# Decode benchmark, ours vs plain PyTorch, in one command: builds bench/Inference.Bench (Release), checks that the
# peer (bench/peers/decode_peer.py) computes the same function as ours (our weights -> our logits and greedy tokens),
# runs the same plan in both, alternating ours and the peer run by run (bench/decode_compare.py), and prints the
# comparison table and the goals.
#
#   bench/run-decode-bench.sh            # the documented plan (about 6 minutes on 2 cores)
#   THREADS=1 bench/run-decode-bench.sh  # intra-op threads for both (default 2)
#   OMP_WAIT_POLICY=default bench/run-decode-bench.sh  # libgomp's spinning default instead of passive (much slower)
#   QUICK=1 bench/run-decode-bench.sh    # a smoke run of the whole pipeline (1-2 minutes; figures not meaningful)
#
# Logs and the table go to $OUT_DIR (default ${TMPDIR:-/tmp}/decode-bench-<time>/): ours.log, peer.log, table.md.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
THREADS=${THREADS:-2}
# libgomp's default wait policy spins idle OpenMP workers after every parallel op, on the core that OpenBLAS's own
# worker thread needs for the next matrix product; on 2 cores that makes batch 8-32 decode 4-6x slower (see
# docs/benchmarks.md). Passive waiting is the default here, for both; OMP_WAIT_POLICY=default keeps libgomp's own.
OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
if [[ "$OMP_WAIT_POLICY" == default ]]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY; fi
PY=/usr/bin/python3 # Debian's python3-torch (libtorch 1.13); ours runs TorchSharp's libtorch 2.10
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/decode-bench-$(date +%Y%m%d-%H%M%S)}

# The plan: PRESET:BATCH:MODE:NEW:REPEATS. Prompts of 16 tokens. Every shape gets one short warm-up first.
# - tiny, 256 new tokens, kv at batch 1/8/32 and recomputation at batch 1/8. Recomputation at batch 32 and 256 tokens
#   would take ~2 minutes per implementation, so batch 32 compares kv and recomputation at 64 new tokens instead.
# - small (124M), 64 new tokens: kv at batch 1/8/32; recomputation only at batch 1 (batch 8 would take ~1.5 min each).
# Short runs repeat (median reported); the long ones (recomputation past batch 1, small at batch 32) run once each.
if [[ -n "${QUICK:-}" ]]; then
  PLAN="tiny:1:kv:32:3,tiny:8:kv:32:3,tiny:32:kv:32:3,tiny:1:recompute:32:1,tiny:8:recompute:32:1"
  GENERATOR=tiny:8:32:3
else
  PLAN="tiny:1:kv:256:5,tiny:8:kv:256:5,tiny:32:kv:256:3,tiny:1:recompute:256:3,tiny:8:recompute:256:1"
  PLAN+=",tiny:32:kv:64:3,tiny:32:recompute:64:1"
  PLAN+=",small:1:kv:64:3,small:8:kv:64:3,small:32:kv:64:1,small:1:recompute:64:1"
  GENERATOR=tiny:8:256:5
fi

echo "== building bench/Inference.Bench (Release)"
mkdir -p "$OUT_DIR"
dotnet build bench/Inference.Bench/InstructGpt.Inference.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT_DIR/build.log" 2>&1 ||
  { cat "$OUT_DIR/build.log"; exit 1; }

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
load=$(cut -d' ' -f1 /proc/loadavg)
echo "== machine: $(nproc) cores, $cpu; ours: TorchSharp's libtorch (version on ours' banner), peer: libtorch $(dpkg-query -W -f='${Version}' libtorch-dev 2>/dev/null || echo '?'); threads $THREADS; OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-(libgomp default)} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-(default)}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "   WARNING: the machine is busy (load $load on $(nproc) cores): other processes take CPU time from both, and with"
  echo "   $THREADS intra-op threads every parallel op can wait for a descheduled thread; figures will be low and noisy"
fi

"$PY" bench/decode_compare.py --out "$OUT_DIR" --plan "$PLAN" --generator "$GENERATOR" \
  --ours "dotnet bench/Inference.Bench/bin/Release/net10.0/InstructGpt.Inference.Bench.dll --serve --threads $THREADS" \
  --peer "$PY bench/peers/decode_peer.py --serve --threads $THREADS"
rm -rf "$OUT_DIR/check"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs and table in $OUT_DIR"
