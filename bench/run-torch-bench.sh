#!/usr/bin/env bash
# Foundation benchmarks of src/Torch, in one command:
#
#   bench/run-torch-bench.sh [--rounds N] [--quick] [--no-build]
#
# Builds the C# bench (dotnet build -c Release, which also builds the libtorch shim) and the
# libtorch C++ driver (CMake, into the git-ignored bench/native/build), then runs our C# bench,
# the PyTorch peer (/usr/bin/python3, Debian's python3-torch: the same libtorch 1.13) and the C++
# driver in interleaved rounds, and prints the comparison table (bench/compare.py).
#
#   --rounds N   rounds of (C#, Python, C++), default 3; each round rotates the order, and the
#                samples of all rounds are pooled before taking medians (the machine is shared
#                and noisy; interleaving spreads a burst of load over every implementation)
#   --quick      one round with fewer repeats (a smoke test, not for reporting)
#   --no-build   reuse the existing builds
#   --no-wait    start each round at once (by default a round waits, up to 2 minutes, until other
#                processes use under 20% of the CPU)
#
# Raw output goes to bench/out/ (git-ignored): results-<timestamp>.txt and table-<timestamp>.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rounds=3
scale=1
build=1
wait_quiet=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --quick) rounds=1; scale=0.4; shift ;;
    --no-build) build=0; shift ;;
    --no-wait) wait_quiet=0; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

if [ "$build" = 1 ]; then
  echo "== building (dotnet build -c Release, cmake Release)"
  dotnet build "$root/bench/Torch.Bench/Torch.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  cmake -S "$root/bench/native" -B "$native_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$native_build" --parallel >/dev/null
fi

"$python" -c 'import torch' 2>/dev/null || { echo "$python has no torch: apt-get install python3-torch" >&2; exit 1; }

# CPU accounting, in clock ticks: "total idle ours", where ours is the CPU time of this script's
# finished children (the benchmarks), so that busy - ours is what other processes used.
cpu_snapshot() {
  local _ u n s i w q sq st
  read -r _ u n s i w q sq st _ < /proc/stat
  echo "$((u + n + s + i + w + q + sq + st)) $((i + w)) $(awk '{print $16 + $17}' "/proc/$$/stat")"
}
# Percentage of the machine's CPU that other processes used between two snapshots.
others_percent() {
  local t1 i1 o1 t2 i2 o2
  read -r t1 i1 o1 <<< "$1"
  read -r t2 i2 o2 <<< "$2"
  local total=$((t2 - t1)) busy=$(((t2 - t1) - (i2 - i1) - (o2 - o1)))
  [ "$busy" -lt 0 ] && busy=0
  echo $((100 * busy / (total > 0 ? total : 1)))
}
busy_now() {
  local a b
  a="$(cpu_snapshot)"; sleep 1; b="$(cpu_snapshot)"
  others_percent "$a" "$b"
}
# Waits (up to 2 minutes) until other processes use under 20% of the CPU; prints the last reading.
settle() {
  local busy waited=0
  busy="$(busy_now)"
  while [ "$wait_quiet" = 1 ] && [ "$busy" -ge 20 ] && [ "$waited" -lt 120 ]; do
    sleep 4; waited=$((waited + 5)); busy="$(busy_now)"
  done
  echo "$busy"
}

run_csharp() { "$csharp_dir/Torch.Bench" all add-breakdown --repeats-scale "$scale"; }
run_python() { "$python" "$root/bench/peers/torch_peer.py" all --repeats-scale "$scale"; }
run_cpp() { "$native_build/torch_native_bench" all --repeats-scale "$scale"; }
# The thread cases once more with OpenBLAS's own pool pinned to one thread.
run_blas1() {
  OPENBLAS_NUM_THREADS=1 "$csharp_dir/Torch.Bench" threads --repeats-scale "$scale"
  OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/peers/torch_peer.py" threads --repeats-scale "$scale"
  OPENBLAS_NUM_THREADS=1 "$native_build/torch_native_bench" threads --repeats-scale "$scale"
}

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(uname -r)"
  echo "# libtorch: $(dpkg-query -W -f='${Package} ${Version}' libtorch-dev 2>/dev/null || echo unknown)," \
       "BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
  echo "# dotnet $(dotnet --version), $("$python" --version 2>&1), rounds=$rounds, repeats-scale=$scale"
  echo "# other processes' CPU use just before the run: $(busy_now)%"
} | tee "$results"

start=$SECONDS
order=(run_csharp run_python run_cpp)
for round in $(seq 1 "$rounds"); do
  before="$(settle)"
  echo "== round $round/$rounds (other processes' CPU use just before: $before%)" | tee -a "$results"
  snap="$(cpu_snapshot)"
  for step in "${order[@]}"; do
    "$step" | tee -a "$results"
  done
  run_blas1 | tee -a "$results"
  echo "LOAD round=$round others_percent=$(others_percent "$snap" "$(cpu_snapshot)")" | tee -a "$results"
  order=("${order[@]:1}" "${order[0]}")  # rotate, so no implementation always runs first
done
echo "# measured in $((SECONDS - start)) s" | tee -a "$results"

echo
echo "== comparison (medians of all samples pooled over $rounds round(s))"
"$python" "$root/bench/compare.py" "$results" | tee "$table"
echo
echo "raw results: ${results#$root/}, table: ${table#$root/}"
