#!/usr/bin/env bash
# What a new compiler process spends JIT-compiling because of Forklift: the csc command line that run.sh saved for a
# target, run once with Forklift's analyzers (no generator) and once with the no-op baseline analyzer instead
# (Baselines/, FLB001), each with the runtime's JIT events recorded (EventPipe), then the JIT's time summed per group
# of methods (JitTime/). Forklift's own methods and the generic code instantiated over its types are its fixed cost
# in a new process; what "everything else" adds over the baseline is the compiler's code that only Forklift's
# requests reach. A warm compiler server pays none of it after the first compile.
#
#   benchmarks/RealCode/jit-time.sh <results folder>/<target>.csc.rsp <project folder> [analyzer folder]
#
# The times come from event timestamps on a machine that may be busy: compare the groups within one run.
set -euo pipefail
rsp=${1:?usage: jit-time.sh <target>.csc.rsp <project folder> [analyzer folder]}
project=${2:?usage: jit-time.sh <target>.csc.rsp <project folder> [analyzer folder]}
analyzers=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$here/Baselines" -c Release -nologo -v:q > "$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
dotnet build "$here/JitTime" -c Release -nologo -v:q > "$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
baseline_dll="$here/Baselines/bin/Release/netstandard2.0/Forklift.RealCode.Baselines.dll"
reader="$here/JitTime/bin/Release/net10.0/Forklift.RealCode.JitTime.dll"

csc=$(awk '{print $1}' "$rsp")
cut -d' ' -f2- "$rsp" | sed -E 's#/errorlog:[^ ]*##; s#/reportanalyzer##; s#/analyzer:[^ ]*Forklift\.Generators\.dll##' > "$work/forklift.rsp"
if [[ -n "$analyzers" ]]; then
  sed -i -E "s#/analyzer:[^ ]*Forklift\.Analyzers\.dll#/analyzer:$analyzers/Forklift.Analyzers.dll#" "$work/forklift.rsp"
fi
echo "$(sed -E 's#/analyzer:[^ ]*Forklift\.Analyzers\.dll##' "$work/forklift.rsp") /analyzer:$baseline_dll /nowarn:FLB002,FLB003" > "$work/noop.rsp"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$project"
for variant in forklift noop; do
  DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$work/$variant.nettrace" \
    DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x10:5' \
    "$csc" "@$work/$variant.rsp" > "$work/$variant.out" 2>&1 || { echo "csc failed ($variant):"; tail -5 "$work/$variant.out"; exit 1; }
  echo "== with $( [[ $variant == forklift ]] && echo "Forklift's analyzers" || echo "the no-op analyzer")"
  dotnet "$reader" "$work/$variant.nettrace"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
