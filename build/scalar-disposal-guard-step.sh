#!/usr/bin/env bash
# Builds the Scalar disposal guard (src/Inference/Engine/scalar_disposal_guard.c; README, "TorchSharp's Scalars") next to
# each libLibTorchSharp.so under the given folders, linked against that library.
#   build/scalar-disposal-guard-step.sh DIR [DIR ...]
# The build (Directory.Build.targets) runs it on every output and publish folder that holds TorchSharp's library.
# Idempotent: a guard newer than its source and its library is left as it is. Needs a C compiler (apt-get install gcc).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_file="$here/../src/Inference/Engine/scalar_disposal_guard.c"
guard_name=libInstructGptScalarGuard.so

compiler="${CC:-}"
if [[ -z "$compiler" ]]; then
  for candidate in cc gcc clang; do
    if command -v "$candidate" >/dev/null; then compiler="$candidate"; break; fi
  done
fi

for dir in "$@"; do
  [[ -d "$dir" ]] || continue
  while IFS= read -r -d '' library; do
    folder="$(dirname "$library")"
    guard="$folder/$guard_name"
    if [[ -f "$guard" && "$guard" -nt "$source_file" && "$guard" -nt "$library" ]]; then continue; fi
    if [[ -z "$compiler" ]]; then
      echo "scalar-disposal-guard-step: no C compiler found to build $guard (apt-get install gcc)" >&2
      exit 1
    fi
    # -l: with the file name records TorchSharp's library by name (its soname), found at run time through $ORIGIN.
    # Its own dependencies (libtorch) are only needed at run time, hence --allow-shlib-undefined.
    temporary="$guard.tmp.$$"
    "$compiler" -shared -fPIC -O2 -Wall -Werror -o "$temporary" "$source_file" \
      -L"$folder" -Wl,--no-as-needed -l:libLibTorchSharp.so -Wl,--as-needed \
      -Wl,-rpath,'$ORIGIN' -Wl,--allow-shlib-undefined -ldl -lpthread
    mv -f "$temporary" "$guard"
  done < <(find "$dir" -name libLibTorchSharp.so -type f -print0)
done
