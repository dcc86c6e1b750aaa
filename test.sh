#!/usr/bin/env bash
# Installs what is missing, builds, runs every test project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

scripts/check-tracked-state.sh
scripts/setup.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build InstructGpt.sln -c Release -nologo -v quiet -clp:ErrorsOnly

# Formatting and code style as .editorconfig sets them (the build checks the naming and `var` rules itself): any drift
# fails the run. `dotnet format InstructGpt.sln` fixes what it reports.
dotnet format InstructGpt.sln --verify-no-changes --no-restore -v quiet

# The Dockerfile's build stage runs scripts/publish.sh; run it here too (CPU backend) and check the Dockerfile's
# paths, scripts, entry point and health route against that publish, since no Docker engine can build the image here.
scripts/publish.sh --backend cpu --out artifacts/publish
scripts/check-dockerfile.sh artifacts/publish

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test InstructGpt.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test
# assembly; add them up into the plain "N passed, N failed" line.
read -r passed failed skipped < <(grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
assemblies=$(grep -cE '^\s*(Passed|Failed)!' "$log" || true)
if [[ "$assemblies" -eq 0 ]]; then
  echo "test.sh: no test results were reported" >&2
  exit 1
fi
echo
echo "Summary: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
