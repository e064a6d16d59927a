#!/usr/bin/env bash
# Where Forklift's time goes inside one compile, by CPU samples: runs a library's csc command line (as written by
# run.sh) under `perf record`, with the runtime's perf map so JIT-compiled frames have names, and prints Forklift's
# share of all samples, the share of samples that are JIT or runtime work under Forklift's frames, and the frames
# below Forklift's entry points that hold the most samples.
#
#   benchmarks/RealCode/perf-share.sh <results folder>/<target>.csc.rsp <project folder> [analyzer folder] [depth]
#
# Why samples and not `csc-ab.sh`: on a shared machine the CPU time of whole compiles moves by ±30% between runs
# (spinning threads burn more when the cores are contended), so a few percent cannot be told from the noise. The
# samples that carry a Forklift frame are Forklift's own work, whatever the load; what they miss is work Forklift
# causes elsewhere (the background JIT of its methods, garbage collections it triggers), and they include work the
# compiler would do anyway if Forklift asks for it first (loading a referenced assembly's namespaces, for example).
# Needs perf (perf_event_paranoid ≤ 2 is enough for user-space sampling).
set -euo pipefail
rsp=${1:?usage: perf-share.sh <target>.csc.rsp <project folder> [analyzer folder] [depth]}
project=${2:?usage: perf-share.sh <target>.csc.rsp <project folder> [analyzer folder] [depth]}
analyzers=${3:-}
depth=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

csc=$(awk '{print $1}' "$rsp")
cut -d' ' -f2- "$rsp" | sed -E 's#/errorlog:[^ ]*##; s#/reportanalyzer##' > "$work/with.rsp"
if [[ -n "$analyzers" ]]; then
  sed -i -E "s#/analyzer:[^ ]*Forklift\.Analyzers\.dll#/analyzer:$analyzers/Forklift.Analyzers.dll#; s#/analyzer:[^ ]*Forklift\.Generators\.dll#/analyzer:$analyzers/Forklift.Generators.dll#" "$work/with.rsp"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# W^X double mapping hides JIT code from perf (it runs from a memfd mapping the perf map does not describe).
(cd "$project" && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  perf record -F 999 -g -o "$work/perf.data" "$csc" "@$work/with.rsp" > "$work/csc.out" 2>&1) || {
  echo "csc or perf failed:"; tail -5 "$work/csc.out"; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
perf script -i "$work/perf.data" -F tid,ip,sym,dso 2> /dev/null > "$work/samples.txt"
python3 "$here/perf_share.py" "$work/samples.txt" "$depth"
