#!/usr/bin/env bash
# Foundation benchmarks of the tensor engine (TorchSharp over libtorch 2.10), in one command:
#
#   bench/run-torch-bench.sh [--rounds N] [--quick] [--no-build] [--max-attempts N] [--quiet-wait S]
#
# Builds the C# bench (dotnet build -c Release) and the libtorch C++ driver (CMake against Debian's
# libtorch-dev, into the git-ignored bench/native/build), then runs our C# bench, the PyTorch peer
# (/usr/bin/python3, Debian's python3-torch) and the C++ driver case by case in interleaved rounds,
# and prints the comparison table (bench/compare.py). Ours runs the libtorch 2.10 that TorchSharp's
# packages ship; both peers run Debian's libtorch 1.13 (the C++ driver needs headers, which only
# Debian's libtorch-dev provides here), so the ratios compare two libtorch versions too.
#
#   --rounds N        rounds, default 3. A round runs each case in C#, Python and C++ back to back
#                     (in rotating order); compare.py pools the samples of all rounds into
#                     medians and also gives the per-round (paired) ratios
#   --quick           one round with fewer repeats (a smoke test, not for reporting)
#   --no-build        reuse the existing builds
#   --max-attempts N  default 3. The machine is shared: every program records, per case, how much
#                     CPU other processes took while it was timed, and repeats a case (up to N
#                     times) when that exceeded 10%, keeping the quietest attempt. compare.py then
#                     pools only the quiet results where there are any, and flags the rest.
#   --quiet-wait S    default 5: before each attempt, wait up to S seconds for a quarter second in
#                     which other processes stay under 10% of the CPU (a quarter second per case when idle)
#
# Raw output goes to bench/out/ (git-ignored): results-<timestamp>.txt and table-<timestamp>.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rounds=3
scale=1
build=1
attempts=3
quiet_wait=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --quick) rounds=1; scale=0.4; shift ;;
    --no-build) build=0; shift ;;
    --max-attempts) attempts="$2"; shift 2 ;;
    --quiet-wait) quiet_wait="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$root/bench/$(basename "${BASH_SOURCE[0]}")" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

python=/usr/bin/python3  # Debian's interpreter has python3-torch; a pyenv python3 on PATH does not
csharp_dir="$root/bench/Torch.Bench/bin/Release/net10.0"
native_build="$root/bench/native/build"
out_dir="$root/bench/out"
mkdir -p "$out_dir"
stamp="$(date +%Y%m%d-%H%M%S)"
results="$out_dir/results-$stamp.txt"
table="$out_dir/table-$stamp.md"

# The C++ driver's build needs are this benchmark's alone (scripts/setup.sh does not install them): install what is
# missing, once.
if [ "$build" = 1 ]; then
  missing=()
  for p in libtorch-dev cmake g++; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    echo "== installing ${missing[*]} for the C++ driver"
    "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ "$build" = 1 ]; then
  echo "== building (dotnet build -c Release, cmake Release)"
  dotnet build "$root/bench/Torch.Bench/Torch.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  cmake -S "$root/bench/native" -B "$native_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$native_build" --parallel >/dev/null
fi

"$python" -c 'import torch' 2>/dev/null || { echo "$python has no torch: apt-get install python3-torch" >&2; exit 1; }

args=(--repeats-scale "$scale" --max-attempts "$attempts" --quiet-wait "$quiet_wait")
# run IMPL CASES...: one program run of one implementation; the C++ driver has no MLP case.
run() {
  local impl="$1"; shift
  case "$impl" in
    csharp) "$csharp_dir/Torch.Bench" "$@" "${args[@]}" ;;
    python) "$python" "$root/bench/peers/torch_peer.py" "$@" "${args[@]}" ;;
    cpp) [ "$1" = mlp ] || "$native_build/torch_native_bench" "$@" "${args[@]}" ;;
  esac
}

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(uname -r)"
  echo "# ours: TorchSharp's libtorch 2.10 (see the csharp line below); peers: $(dpkg-query -W -f='${Package} ${Version}' libtorch-dev 2>/dev/null || echo 'libtorch-dev unknown')," \
       "BLAS (peers): $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
  echo "# dotnet $(dotnet --version), $("$python" --version 2>&1), rounds=$rounds, repeats-scale=$scale, max-attempts=$attempts, quiet-wait=${quiet_wait}s"
} | tee "$results"

start=$SECONDS
order=(csharp python cpp)
for round in $(seq 1 "$rounds"); do
  echo "== round $round/$rounds"
  # Case by case, the three implementations back to back: a burst of load from other processes
  # then falls on all of them alike, so the per-round ratios stay comparable.
  for group in add matmul mlp threads threads-blas1; do
    for impl in "${order[@]}"; do
      case "$group" in
        threads-blas1) OPENBLAS_NUM_THREADS=1 run "$impl" threads ;;  # OpenBLAS's own pool pinned to one thread
        *) run "$impl" "$group" ;;
      esac
    done
    order=("${order[@]:1}" "${order[0]}")  # rotate, so no implementation always runs first
  done
  run csharp add-breakdown
done 2>&1 | tee -a "$results"
echo "# measured in $((SECONDS - start)) s" | tee -a "$results"

echo
echo "== comparison (medians of all samples pooled over $rounds round(s))"
"$python" "$root/bench/compare.py" "$results" | tee "$table"
echo
echo "raw results: ${results#$root/}, table: ${table#$root/}"
