#!/usr/bin/env bash
# Installs what InstructGpt needs from Debian's packages, idempotently: it only calls apt-get
# when a package is missing. Run as root or with sudo available.
#   python3-torch         PyTorch 1.13 from Python (/usr/bin/python3): the independent reference in tests and the peer
#                         in benchmarks. The engine itself, TorchSharp with libtorch 2.10, comes from NuGet.
#   libopenblas0-pthread  a threaded BLAS for that PyTorch; without it its matmul falls back to the reference BLAS
#                         (~30x slower), which would make the benchmark peer meaninglessly slow
#   wordnet-base          WordNet 3.0's database (/usr/share/wordnet), which the default world is built from
#   chromium              a headless browser: the API tests check that Swagger UI renders and lists the endpoints
#   chromium-driver       chromedriver for that chromium: the labeling page's tests drive it with Selenium WebDriver
#   gcc, libc6-dev        the build compiles two small C libraries next to TorchSharp's native library: the Scalar
#                         disposal guard and oneMKL's vendor answer (README, "TorchSharp's Scalars" and "Matrix
#                         products on AMD CPUs")
# and, with npm, the node packages of tests/Inference.Tests/reference-js and tests/Api.Tests/client-js when they are missing.
set -euo pipefail

packages=(python3-torch libopenblas0-pthread)
packages+=(wordnet-base)
packages+=(chromium chromium-driver)
packages+=(gcc libc6-dev)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The tokenizer tests compare against an independent GPT-2 tokenizer (js-tiktoken) run by node; install its pinned
# packages once, from package-lock.json.
reference_js="$(cd "$(dirname "$0")/.." && pwd)/tests/Inference.Tests/reference-js"
if [[ ! -f "$reference_js/node_modules/js-tiktoken/package.json" || ! -f "$reference_js/node_modules/gpt-3-encoder/package.json" ]]; then
  command -v npm >/dev/null || { echo "setup: Node.js 18+ and npm are required for the tokenizer tests (apt-get install nodejs npm), then re-run." >&2; exit 1; }
  echo "setup: installing the node reference tokenizer (npm ci in tests/Inference.Tests/reference-js)"
  (cd "$reference_js" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi

# The API tests drive the server with OpenAI's official Node client (npm "openai"); install its pinned version once.
api_client_js="$(cd "$(dirname "$0")/.." && pwd)/tests/Api.Tests/client-js"
if [[ ! -f "$api_client_js/node_modules/openai/package.json" ]]; then
  command -v npm >/dev/null || { echo "setup: Node.js 18+ and npm are required for the API client tests (apt-get install nodejs npm), then re-run." >&2; exit 1; }
  echo "setup: installing OpenAI's Node client (npm ci in tests/Api.Tests/client-js)"
  (cd "$api_client_js" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet was not found on PATH); install it from Microsoft's packages and re-run." >&2
  exit 1
fi
echo "setup: ok (python3-torch $(dpkg-query -W -f='${Version}' python3-torch), dotnet $(dotnet --version), node $(node --version 2>/dev/null || echo "not found"))"
