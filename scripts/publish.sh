#!/usr/bin/env bash
# Publishes the API (and the instructgpt CLI beside it) into one folder that runs without the repository: the
# Dockerfile's build stage runs exactly this, and ./test.sh runs it too (CPU backend), so the image's steps are
# exercised on every test run even where no Docker engine exists.
#   scripts/publish.sh [--backend cpu|cuda] [--out DIR]      default: cpu, artifacts/publish
# Layout of DIR: InstructGpt.Api.dll (+ appsettings.json), instructgpt.dll (the CLI), eval-sets/ (the committed
# evaluation sets), and TorchSharp's native libraries for the chosen backend under runtimes/linux-x64/native/.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=cpu
out=artifacts/publish
while (($#)); do
  case "$1" in
    --backend) backend="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "publish: unknown argument '$1' (expected --backend cpu|cuda, --out DIR)" >&2; exit 2 ;;
  esac
done
case "$backend" in cpu|cuda) ;; *) echo "publish: --backend must be cpu or cuda, not '$backend'" >&2; exit 2 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rm -rf "$out"
mkdir -p "$out"
# Framework-dependent for linux-x64: the runtime image brings .NET; TorchSharp's natives come with the packages.
for project in src/Api/InstructGpt.Api.csproj src/Cli/InstructGpt.Cli.csproj; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:TorchBackend="$backend" \
    -nologo -v quiet -clp:ErrorsOnly -o "$out"
done
cp -r eval-sets "$out/eval-sets"
echo "publish: $backend backend in $out ($(du -sh "$out" | cut -f1))"
