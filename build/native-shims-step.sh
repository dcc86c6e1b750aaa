#!/usr/bin/env bash
# Builds the project's two small native libraries next to each libLibTorchSharp.so under the given folders:
# - libInstructGptScalarGuard.so from src/Inference/Engine/scalar_disposal_guard.c (README, "TorchSharp's Scalars"),
#   linked against TorchSharp's library, whose functions it forwards;
# - libInstructGptMklDispatch.so from src/Inference/Engine/mkl_intel_dispatch.c (README, "Matrix products on AMD
#   CPUs"), which depends on nothing.
#   build/native-shims-step.sh DIR [DIR ...]
# The build (Directory.Build.targets) runs it on every output and publish folder that holds TorchSharp's library.
# Idempotent: a library newer than its source (and than TorchSharp's library) is left as it is. Needs a C compiler
# (apt-get install gcc).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
engine="$here/../src/Inference/Engine"

compiler="${CC:-}"
if [[ -z "$compiler" ]]; then
  for candidate in cc gcc clang; do
    if command -v "$candidate" >/dev/null; then compiler="$candidate"; break; fi
  done
fi

# build TARGET SOURCE [LINKER ARGUMENTS...]: compiles SOURCE into TARGET unless TARGET is newer than SOURCE and than
# TorchSharp's library in the same folder; written to a temporary name and renamed, so a failed build leaves nothing.
build() {
  local target="$1" source="$2"
  shift 2
  local folder
  folder="$(dirname "$target")"
  if [[ -f "$target" && "$target" -nt "$source" && "$target" -nt "$folder/libLibTorchSharp.so" ]]; then return; fi
  if [[ -z "$compiler" ]]; then
    echo "native-shims-step: no C compiler found to build $target (apt-get install gcc)" >&2
    exit 1
  fi
  local temporary="$target.tmp.$$"
  "$compiler" -shared -fPIC -O2 -Wall -Werror -o "$temporary" "$source" "$@"
  mv -f "$temporary" "$target"
}

for dir in "$@"; do
  [[ -d "$dir" ]] || continue
  while IFS= read -r -d '' library; do
    folder="$(dirname "$library")"
    # -l: with the file name records TorchSharp's library by name (its soname), found at run time through $ORIGIN.
    # Its own dependencies (libtorch) are only needed at run time, hence --allow-shlib-undefined.
    build "$folder/libInstructGptScalarGuard.so" "$engine/scalar_disposal_guard.c" \
      -L"$folder" -Wl,--no-as-needed -l:libLibTorchSharp.so -Wl,--as-needed \
      -Wl,-rpath,'$ORIGIN' -Wl,--allow-shlib-undefined -ldl -lpthread
    build "$folder/libInstructGptMklDispatch.so" "$engine/mkl_intel_dispatch.c"
  done < <(find "$dir" -name libLibTorchSharp.so -type f -print0)
done
