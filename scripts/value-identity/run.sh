#!/usr/bin/env bash
# Value-identity check for refactors: runs the micro pipeline and a small evaluation from the current build, digests
# every artifact and SQLite table (scripts/value-identity/digest.py), and compares with a saved digest.
#   scripts/value-identity/run.sh save  FILE   # before the change: write the digest
#   scripts/value-identity/run.sh check FILE   # after it: IDENTICAL, or the lines that differ (exit 1)
# Needs a Release build (dotnet build InstructGpt.sln -c Release). Takes about three minutes on 2 cores.
set -euo pipefail
mode=${1:?save or check}; digest_file=${2:?digest file}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cli="$repo/src/Cli/bin/Release/net10.0/instructgpt"
home=$(mktemp -d /tmp/value-identity.XXXXXX)
trap 'rm -rf "$home"' EXIT
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
(cd "$repo" && "$cli" pipeline --preset micro --out "$home" --seed 3 > "$home/pipeline.log" 2>&1)
(cd "$repo" && "$cli" eval --home "$home" --models sft,ppo,gpt --baseline sft --set test,toxicity,pretrain.test \
   --judge labeler,rm --max-prompts 24 --samples-per-probe 2 --max-tokens 24 --run-id eval-20000101-000000-0 > "$home/eval.log" 2>&1)
out=$(mktemp)
/usr/bin/python3 "$repo/scripts/value-identity/digest.py" "$home" > "$out"
case "$mode" in
  save) mv "$out" "$digest_file"; echo "saved $(wc -l < "$digest_file") digests to $digest_file" ;;
  check)
    if diff "$digest_file" "$out"; then echo "IDENTICAL ($(wc -l < "$out") digests)"; rm -f "$out"
    else echo "DIFFERENT (see above; new digest in $out)"; exit 1; fi ;;
  *) echo "mode must be save or check" >&2; exit 2 ;;
esac
