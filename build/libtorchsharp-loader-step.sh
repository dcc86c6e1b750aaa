#!/usr/bin/env bash
# The Debian 12 loader step for TorchSharp (see README, "TorchSharp on Debian 12"): makes each libLibTorchSharp.so
# under the given folders loadable when the system's libstdc++ lacks GLIBCXX_3.4.32, and does nothing otherwise.
#   build/libtorchsharp-loader-step.sh DIR [DIR ...]
# The build (Directory.Build.targets) runs it on every project's output and publish folder. Idempotent: a library
# already patched is left as it is. Needs /usr/bin/python3 (Debian's python3) only where the step applies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

libstdcxx=""
for candidate in $(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF}') \
    /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
  if [[ -f "$candidate" ]]; then libstdcxx="$candidate"; break; fi
done
if [[ -z "$libstdcxx" ]]; then
  echo "libtorchsharp-loader-step: no libstdc++.so.6 found; install Debian's libstdc++6" >&2
  exit 1
fi
# GCC 13's libstdc++ defines GLIBCXX_3.4.32: TorchSharp's library loads as shipped.
if grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then exit 0; fi

python=/usr/bin/python3
[[ -x "$python" ]] || python=$(command -v python3 || true)
if [[ -z "$python" ]]; then
  echo "libtorchsharp-loader-step: $libstdcxx lacks GLIBCXX_3.4.32, and patching TorchSharp's library needs python3 (apt-get install python3)" >&2
  exit 1
fi
for dir in "$@"; do
  [[ -d "$dir" ]] || continue
  while IFS= read -r -d '' library; do
    "$python" "$here/patch-libtorchsharp-glibcxx.py" "$library"
  done < <(find "$dir" -name libLibTorchSharp.so -type f -print0)
done
