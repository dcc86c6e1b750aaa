#!/usr/bin/env bash
# Foundation benchmarks of src/Torch, in one command:
#
#   bench/run-torch-bench.sh [--rounds N] [--quick] [--no-build] [--max-attempts N] [--quiet-wait S]
#
# Builds the C# bench (dotnet build -c Release, which also builds the libtorch shim) and the
# libtorch C++ driver (CMake, into the git-ignored bench/native/build), then runs our C# bench,
# the PyTorch peer (/usr/bin/python3, Debian's python3-torch: the same libtorch 1.13) and the C++
# driver in interleaved rounds, and prints the comparison table (bench/compare.py).
#
#   --rounds N        rounds of (C#, Python, C++), default 3; each round rotates the order, and
#                     the samples of all rounds are pooled before taking medians
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
    -h|--help) sed -n '2,22p' "$root/bench/$(basename "${BASH_SOURCE[0]}")" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

args=(--repeats-scale "$scale" --max-attempts "$attempts" --quiet-wait "$quiet_wait")
run_csharp() { "$csharp_dir/Torch.Bench" all add-breakdown "${args[@]}"; }
run_python() { "$python" "$root/bench/peers/torch_peer.py" all "${args[@]}"; }
run_cpp() { "$native_build/torch_native_bench" all "${args[@]}"; }
# The thread cases once more with OpenBLAS's own pool pinned to one thread.
run_csharp_blas1() { OPENBLAS_NUM_THREADS=1 "$csharp_dir/Torch.Bench" threads "${args[@]}"; }
run_python_blas1() { OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/peers/torch_peer.py" threads "${args[@]}"; }
run_cpp_blas1() { OPENBLAS_NUM_THREADS=1 "$native_build/torch_native_bench" threads "${args[@]}"; }

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(uname -r)"
  echo "# libtorch: $(dpkg-query -W -f='${Package} ${Version}' libtorch-dev 2>/dev/null || echo unknown)," \
       "BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
  echo "# dotnet $(dotnet --version), $("$python" --version 2>&1), rounds=$rounds, repeats-scale=$scale, max-attempts=$attempts, quiet-wait=${quiet_wait}s"
} | tee "$results"

start=$SECONDS
order=(run_csharp run_python run_cpp)
for round in $(seq 1 "$rounds"); do
  echo "== round $round/$rounds" | tee -a "$results"
  for step in "${order[@]}" run_csharp_blas1 run_python_blas1 run_cpp_blas1; do
    "$step" | tee -a "$results"
  done
  order=("${order[@]:1}" "${order[0]}")  # rotate, so no implementation always runs first
done
echo "# measured in $((SECONDS - start)) s" | tee -a "$results"

echo
echo "== comparison (medians of all samples pooled over $rounds round(s))"
"$python" "$root/bench/compare.py" "$results" | tee "$table"
echo
echo "raw results: ${results#$root/}, table: ${table#$root/}"
