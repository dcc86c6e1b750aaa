#!/usr/bin/env bash
# Checks the Dockerfile against the repository without a Docker engine (none can run here): every path it COPYs
# exists, every script it runs exists and is executable, and a publish made by the same script (scripts/publish.sh,
# CPU backend) holds what the runtime stage uses: the ENTRYPOINT's assembly, appsettings.json, eval-sets/, TorchSharp's
# native library, and an API that maps the HEALTHCHECK's path.
#   scripts/check-dockerfile.sh PUBLISH_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
publish="${1:?usage: scripts/check-dockerfile.sh PUBLISH_DIR (made by scripts/publish.sh)}"
dockerfile=Dockerfile
problems=()

# COPY sources in the build stage (not --from=... copies), relative to the build context.
while read -r source; do
  [[ -e "$source" ]] || problems+=("COPY source '$source' does not exist")
done < <(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=' | sed -E 's/^COPY +//' | awk '{for (i = 1; i < NF; i++) print $i}')

# Scripts the build runs.
while read -r script; do
  [[ -x "$script" ]] || problems+=("RUN uses '$script', which is missing or not executable")
done < <(grep -oE 'scripts/[A-Za-z0-9_.-]+\.sh' "$dockerfile" | sort -u)

# What the runtime stage uses from the publish folder (COPY --from=build /app ./ puts it in /app).
entry=$(grep -E '^ENTRYPOINT' "$dockerfile" | grep -oE '/app/[A-Za-z0-9_.]+\.dll' || true)
[[ -n "$entry" ]] || problems+=("ENTRYPOINT names no /app/*.dll")
[[ -z "$entry" || -f "$publish/${entry#/app/}" ]] || problems+=("ENTRYPOINT's ${entry#/app/} is not in the publish folder $publish")
[[ -f "$publish/appsettings.json" ]] || problems+=("appsettings.json (the --contentRoot /app configuration) is not in $publish")
[[ -f "$publish/eval-sets/test.jsonl" && -f "$publish/eval-sets/README.md" ]] || problems+=("eval-sets/ is not in $publish")
[[ -n "$(find "$publish" -name libLibTorchSharp.so -print -quit)" ]] || problems+=("TorchSharp's native library is not in $publish")
for shim in libInstructGptScalarGuard.so libInstructGptMklDispatch.so; do # build/native-shims-step.sh, run by the publish
  [[ -n "$(find "$publish" -name "$shim" -print -quit)" ]] || problems+=("$shim (build/native-shims-step.sh) is not in $publish")
done

# The health check's path is an endpoint of the API.
health=$(grep -oE 'http://127\.0\.0\.1:8080(/[a-z]+)' "$dockerfile" | sed -E 's|http://127\.0\.0\.1:8080||' | head -1)
grep -rqF "\"$health\"" src/Api || problems+=("HEALTHCHECK calls $health, which src/Api does not map")
# The port the image listens on is the one it exposes.
grep -qE '^EXPOSE 8080' "$dockerfile" && grep -q 'ASPNETCORE_URLS=http://0.0.0.0:8080' "$dockerfile" || problems+=("EXPOSE and ASPNETCORE_URLS disagree")

if ((${#problems[@]})); then
  printf 'check-dockerfile: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "check-dockerfile: ok (COPY sources, scripts, entry point $entry, health check $health)"
