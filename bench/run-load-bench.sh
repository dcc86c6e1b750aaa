#!/usr/bin/env bash
# Serving load benchmark in one command: builds the API (src/Api) and bench/Api.Bench in Release, then runs the real
# API as a child process (Kestrel on 127.0.0.1) serving a randomly initialised tiny model (4 layers, 256 wide,
# context 256, a 4,096-token BPE vocabulary trained on the repository's text) and drives it with concurrent
# streaming clients (POST /v1/completions, stream=true, max_tokens 64, ignore_eos):
#   - continuous batching (the shipped Serving:MaxBatchSize=16) at 1, 8, 16 and 32 clients;
#   - one request at a time (Serving:MaxBatchSize=1) at 16 clients;
# and prints throughput (completion tokens/s), time to first token and inter-token latency (p50/p99), errors, and
# the server's peak resident memory per level, then the 16-client ratio (goal >= 3x), and finally 16 rounds of one
# streamed request alternating with the same decode in the benchmark's own process, like with like: a greedy request
# against the bare greedy model loop (the median ratio, goal >= 0.80) and a temperature-1 request against
# CompletionGenerator sampling the same way.
#
#   bench/run-load-bench.sh                       # the documented plan (about 2 minutes on 2 cores)
#   REQUESTS=8 bench/run-load-bench.sh            # streamed requests per client (default 4)
#   THREADS=1 bench/run-load-bench.sh             # the server's intra-op threads (default 2)
#   TOKENIZER=var/tokenizer bench/run-load-bench.sh   # use a trained vocab.json/merges.txt instead of training one
#   QUICK=1 bench/run-load-bench.sh               # a smoke run of the whole pipeline (figures not meaningful)
#
# The table and a JSON copy go to $OUT_DIR (default ${TMPDIR:-/tmp}/load-bench-<time>/).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
THREADS=${THREADS:-2}
REQUESTS=${REQUESTS:-4}
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/load-bench-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT_DIR"

echo "== building src/Api and bench/Api.Bench (Release)"
for project in src/Api/InstructGpt.Api.csproj bench/Api.Bench/InstructGpt.Api.Bench.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log"; exit 1; }
done

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "== machine: $(nproc) cores, $cpu; $(free -g | awk '/^Mem:/ {print $2 " GiB"}') memory; engine: TorchSharp with the libtorch its packages ship; $(date -u +%Y-%m-%dT%H:%MZ)"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "   WARNING: the machine is busy (load $load on $(nproc) cores); the server, the clients and other processes share the"
  echo "   cores, so throughput is low and latency percentiles are noisy"
fi

args=(--api src/Api/bin/Release/net10.0/InstructGpt.Api.dll --threads "$THREADS" --requests-per-client "$REQUESTS" --json "$OUT_DIR/results.json")
[[ -n "${TOKENIZER:-}" ]] && args+=(--tokenizer "$TOKENIZER")
[[ -n "${QUICK:-}" ]] && args+=(--clients 1,4 --unbatched-clients 4 --requests-per-client 1 --max-tokens 16)
dotnet bench/Api.Bench/bin/Release/net10.0/InstructGpt.Api.Bench.dll "${args[@]}" | tee "$OUT_DIR/table.md"
echo "== results in $OUT_DIR"
