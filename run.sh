#!/usr/bin/env bash
# Installs what is missing, builds (Release), and starts the InstructGpt API.
#   ./run.sh                          serves on http://127.0.0.1:8080 (Swagger UI at /swagger)
#   ./run.sh --urls http://0.0.0.0:9000   any other ASP.NET Core argument or configuration key works too,
#   PORT=9000 ./run.sh                e.g. --Serving:MaxBatchSize=32, --Auth:RequireKeyForCompletions=true
# On a data directory without checkpoints the server queues the default training pipeline as a background job
# (tiny preset; --Serving:DefaultPipelinePreset=micro for a quick one, --Serving:StartPipelineWhenEmpty=false for none):
# base, sft, rm, ppo and ppo-ptx become servable as each finishes; GET /v1/pipelines shows the progress.
# Environment: INSTRUCTGPT_HOME (data directory, default ./var), INSTRUCTGPT_API_KEY (else a key is generated into
# $INSTRUCTGPT_HOME/api-key), HOST and PORT (the address to listen on), ASPNETCORE_URLS (overrides HOST/PORT).
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build src/Api/InstructGpt.Api.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export INSTRUCTGPT_HOME="${INSTRUCTGPT_HOME:-$PWD/var}"
mkdir -p "$INSTRUCTGPT_HOME/checkpoints"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://${HOST:-127.0.0.1}:${PORT:-8080}}"
echo "run: serving $INSTRUCTGPT_HOME/checkpoints on $ASPNETCORE_URLS (Swagger UI at ${ASPNETCORE_URLS%%;*}/swagger)"
if [[ -z "$(find "$INSTRUCTGPT_HOME/checkpoints" -mindepth 2 -maxdepth 2 -name model.safetensors -print -quit)" ]]; then
  echo "run: no checkpoints yet: the default pipeline trains in the background; follow it at ${ASPNETCORE_URLS%%;*}/v1/pipelines"
fi
# The content root is the project folder, so appsettings.json is found whatever the working directory.
exec dotnet src/Api/bin/Release/net10.0/InstructGpt.Api.dll --contentRoot "$PWD/src/Api" "$@"
