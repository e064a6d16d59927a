#!/usr/bin/env bash
# What Forklift adds to a compile, measured directly: the same csc command line run with and without Forklift's
# analyzer and generator, alternately, timing wall, user and system CPU. ReportAnalyzer's per-analyzer times (what
# run.sh reports) charge shared compiler work, such as binding a method body or loading the references' symbols, to
# whichever analyzer asks first; this measures the difference the analyzers make to the whole compile.
#
#   benchmarks/RealCode/csc-ab.sh [--baselines] <results folder>/<target>.csc.rsp <project folder> [rounds] [analyzer folder]
#
# --baselines adds three compiles per round with analyzers that are not Forklift's and report nothing
# (benchmarks/RealCode/Baselines): "noop" registers one syntax action (what the analyzer driver costs any analyzer),
# "bindall" has an empty operation-block action (the driver binds every method body once more), "permodel" has an
# empty semantic-model action (the driver hands it every file's semantic model, as it does most of Forklift's rules).
# Forklift's own cost is then "with" minus "noop"; "bindall" minus "noop" is what reading every body would cost.
#
# The .csc.rsp files are written by run.sh (the library's own csc command line, with the analyzers it injected); the
# project folder is where that csc ran (relative paths in the command line start there). The optional analyzer folder
# holds Forklift.Analyzers.dll and Forklift.Generators.dll to use instead of the ones the command line names.
# Prints one line per compile ("with|without wall user sys", seconds) and the medians.
set -euo pipefail

baselines=
if [[ "${1:-}" == "--baselines" ]]; then
  baselines=1
  shift
fi
rsp=${1:?usage: csc-ab.sh <target>.csc.rsp <project folder> [rounds] [analyzer folder]}
project=${2:?usage: csc-ab.sh <target>.csc.rsp <project folder> [rounds] [analyzer folder]}
rounds=${3:-4}
analyzers=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

csc=$(awk '{print $1}' "$rsp")
# Drop the SARIF log and the timing report (they are not part of a normal compile) and, if asked, swap the DLLs.
cut -d' ' -f2- "$rsp" | sed -E 's#/errorlog:[^ ]*##; s#/reportanalyzer##' > "$work/with.rsp"
if [[ -n "$analyzers" ]]; then
  sed -i -E "s#/analyzer:[^ ]*Forklift\.Analyzers\.dll#/analyzer:$analyzers/Forklift.Analyzers.dll#; s#/analyzer:[^ ]*Forklift\.Generators\.dll#/analyzer:$analyzers/Forklift.Generators.dll#" "$work/with.rsp"
fi
sed -E 's#/analyzer:[^ ]*Forklift\.(Analyzers|Generators)\.dll##g' "$work/with.rsp" > "$work/without.rsp"
variants="with without"
if [[ -n "$baselines" ]]; then
  here=$(cd "$(dirname "$0")" && pwd)
  dotnet build "$here/Baselines" -c Release -nologo -v:q > "$work/baselines-build.log" 2>&1 || {
    echo "building the baseline analyzers failed:"; tail -20 "$work/baselines-build.log"; exit 1; }
  baseline_dll="$here/Baselines/bin/Release/netstandard2.0/Forklift.RealCode.Baselines.dll"
  # A compile runs no analyzer whose every diagnostic is suppressed, so /nowarn picks one of the two.
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB002,FLB003" > "$work/noop.rsp"
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB001,FLB003" > "$work/bindall.rsp"
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB001,FLB002" > "$work/permodel.rsp"
  variants="with without noop bindall permodel"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$project"
for _ in $(seq "$rounds"); do
  for variant in $variants; do
    /usr/bin/time -f "$variant %e %U %S" -o "$work/time" "$csc" "@$work/$variant.rsp" > "$work/$variant.out" 2>&1 || {
      echo "csc failed ($variant):"; tail -5 "$work/$variant.out"; exit 1; }
    cat "$work/time" | tee -a "$work/times"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Medians of wall and CPU (user + sys) per variant, and what each adds to the compile without analyzers.
awk '{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4) }
     function median(list,   n, a, i, j, t) { n = split(list, a, " ");
       for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
       return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     END { wo = median(wall["without"]); co = median(cpu["without"]);
           printf "median without: wall %.2f s, CPU %.2f s\n", wo, co;
           split("noop bindall permodel with", order, " ");
           for (k = 1; k <= 4; k++) { v = order[k]; if (!(v in wall)) continue;
             ww = median(wall[v]); cw = median(cpu[v]);
             printf "median %-8s wall %.2f s (%+.1f %%), CPU %.2f s (%+.1f %%)\n", v ":", ww, 100 * (ww - wo) / wo, cw, 100 * (cw - co) / co }
           if ("noop" in cpu) {
             cn = median(cpu["noop"]); cw = median(cpu["with"]); cb = median(cpu["bindall"]); cm = median(cpu["permodel"]);
             printf "Forklift beyond the driver (with - noop): %+.1f %% of the CPU without analyzers; binding every body (bindall - noop): %+.1f %%; a semantic-model action per file (permodel - noop): %+.1f %%\n",
               100 * (cw - cn) / co, 100 * (cb - cn) / co, 100 * (cm - cn) / co } }' "$work/times"
echo "FL reports in the last compile with Forklift: $(grep -o 'warning FL[0-9]*' "$work/with.out" | sort | uniq -c | tr -s ' \n' ' ')"
