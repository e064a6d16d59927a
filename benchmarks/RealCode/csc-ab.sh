#!/usr/bin/env bash
# What Forklift adds to a compile, measured directly: the same csc command line run with and without Forklift's
# analyzer and generator, alternately, timing wall, user and system CPU. ReportAnalyzer's per-analyzer times (what
# run.sh reports) charge shared compiler work, such as binding a method body or loading the references' symbols, to
# whichever analyzer asks first; this measures the difference the analyzers make to the whole compile.
#
#   benchmarks/RealCode/csc-ab.sh [--baselines] [--server <warm-up rounds>] [--share] [--perf] <results folder>/<target>.csc.rsp <project folder> [rounds] [analyzer folder]
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
#
# --server <warm-up rounds> compiles through one compiler server (VBCSCompiler, what `dotnet build` uses unless
# UseSharedCompilation=false) instead of a new csc process per compile, the way repeated builds and the IDE run
# analyzers: the analyzers' code is JIT-compiled once per server, not once per compile. The warm-up rounds (all
# variants) are not counted: the server's own code and the analyzers' go through the runtime's tiers (tier 0, then
# instrumented, then optimized) during the first compiles. Each compile's CPU is the server's user + system time
# before and after it (/proc/<pid>/stat); "user" holds it and "sys" is 0.
#
# --share also prints run.sh's figure for the compiles with Forklift: the driver-reported time of Forklift's analyzers
# (/reportanalyzer, which the Forklift compile then carries) as a share of that compile's wall time. With --server,
# that is the share a warm compiler server shows, without the JIT of Forklift's code that a new process pays.
#
# --perf (with --server) samples the server's CPU during the measured compiles (perf record on the server, switched on
# and off around each through perf's control pipe) and prints, per variant, the samples per compile by where they
# fall: Forklift's frames, the analyzer driver, the compiler's method compilation, the garbage collector's threads, the
# runtime's background JIT (tiering) thread, the rest. Then the share of the Forklift compiles' samples that carry a
# Forklift frame, and the frames under it, as perf-share.sh does for a new process. The driver-reported time of
# --share is the wall time of each analyzer callback, so it also counts the time a callback's thread waits for a
# core while the compiler's own threads run, or waits for work another thread does (the references' binding, another
# callback's shared result): half of it or more on a busy two-core machine. Forklift's frames count its own CPU work
# only; what it makes the collector and the JIT do shows in their threads, compared with the other variants.
# Needs perf (perf_event_paranoid <= 2). KEEP_PERF=<folder> keeps perf.data, the samples and the compiles' windows.
set -euo pipefail

baselines=
server_warmup=
share=
perf=
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --baselines) baselines=1; shift ;;
    --server) server_warmup=${2:?--server needs the number of warm-up rounds}; shift 2 ;;
    --share) share=1; shift ;;
    --perf) perf=1; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [[ -n "$perf" && -z "$server_warmup" ]]; then
  echo "--perf needs --server"; exit 2
fi
rsp=${1:?usage: csc-ab.sh <target>.csc.rsp <project folder> [rounds] [analyzer folder]}
project=${2:?usage: csc-ab.sh <target>.csc.rsp <project folder> [rounds] [analyzer folder]}
rounds=${3:-4}
analyzers=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
script_dir=$(cd "$(dirname "$0")" && pwd)

csc=$(awk '{print $1}' "$rsp")
# Drop the SARIF log and the timing report (they are not part of a normal compile) and, if asked, swap the DLLs.
cut -d' ' -f2- "$rsp" | sed -E 's#/errorlog:[^ ]*##; s#/reportanalyzer##' > "$work/with.rsp"
if [[ -n "$analyzers" ]]; then
  sed -i -E "s#/analyzer:[^ ]*Forklift\.Analyzers\.dll#/analyzer:$analyzers/Forklift.Analyzers.dll#; s#/analyzer:[^ ]*Forklift\.Generators\.dll#/analyzer:$analyzers/Forklift.Generators.dll#" "$work/with.rsp"
fi
sed -E 's#/analyzer:[^ ]*Forklift\.(Analyzers|Generators)\.dll##g' "$work/with.rsp" > "$work/without.rsp"
if [[ -n "$share" ]]; then
  echo " /reportanalyzer" >> "$work/with.rsp"
fi
variants="with without"
if [[ -n "$baselines" ]]; then
  dotnet build "$script_dir/Baselines" -c Release -nologo -v:q > "$work/baselines-build.log" 2>&1 || {
    echo "building the baseline analyzers failed:"; tail -20 "$work/baselines-build.log"; exit 1; }
  baseline_dll="$script_dir/Baselines/bin/Release/netstandard2.0/Forklift.RealCode.Baselines.dll"
  # A compile runs no analyzer whose every diagnostic is suppressed, so /nowarn picks one of the two.
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB002,FLB003" > "$work/noop.rsp"
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB001,FLB003" > "$work/bindall.rsp"
  echo "$(cat "$work/without.rsp") /analyzer:$baseline_dll /nowarn:FLB001,FLB002" > "$work/permodel.rsp"
  variants="with without noop bindall permodel"
fi

compile() { # compile <variant>: one compile, its timing line appended to $work/time
  /usr/bin/time -f "$1 %e %U %S" -o "$work/time" "$csc" "@$work/$1.rsp" > "$work/$1.out" 2>&1 || {
    echo "csc failed ($1):"; tail -5 "$work/$1.out"; exit 1; }
}
if [[ -n "$server_warmup" ]]; then
  roslyn=$(dirname "$csc")
  pipe="forklift-csc-ab-$$"
  if [[ -n "$perf" ]]; then
    # The server runs under perf, so that the threads it starts later are sampled too (perf record -p follows only
    # the threads that exist when it attaches). Sampling starts off; each measured compile switches it on and off
    # through perf's control pipe, which answers each command once it is applied. The runtime writes a map of its
    # JIT-compiled code, without the W^X double mapping that hides that code from perf.
    mkfifo "$work/perf-ctl" "$work/perf-ack"
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -k CLOCK_MONOTONIC -D -1 --control "fifo:$work/perf-ctl,$work/perf-ack" \
      -o "$work/perf.data" -- dotnet "$roslyn/VBCSCompiler.dll" "-pipename:$pipe" > "$work/server.log" 2>&1 &
    perf_pid=$!
    exec 7> "$work/perf-ctl" 8< "$work/perf-ack"
    perf_switch() { echo "$1" >&7; read -r -t 30 _ <&8 || { echo "perf did not answer '$1'"; exit 1; }; }
    for _ in $(seq 100); do
      server=$(pgrep -P "$perf_pid" || true)
      [[ -z "$server" ]] || break
      sleep 0.1
    done
    [[ -n "$server" ]] || { echo "the compiler server did not start under perf:"; cat "$work/server.log"; exit 1; }
  else
    dotnet "$roslyn/VBCSCompiler.dll" "-pipename:$pipe" > "$work/server.log" 2>&1 &
    server=$!
  fi
  trap 'dotnet "$roslyn/VBCSCompiler.dll" -shutdown "-pipename:$pipe" > /dev/null 2>&1 || kill $server 2> /dev/null; rm -rf "$work"' EXIT
  ticks=$(getconf CLK_TCK)
  server_cpu() { awk -v t="$ticks" '{ print ($14 + $15) / t }' "/proc/$server/stat"; }
  compile() {
    local before start end after
    before=$(server_cpu); start=$(date +%s.%N)
    dotnet "$roslyn/csc.dll" "-shared:$pipe" "@$work/$1.rsp" > "$work/$1.out" 2>&1 || {
      echo "csc failed ($1):"; tail -5 "$work/$1.out"; exit 1; }
    end=$(date +%s.%N); after=$(server_cpu)
    # A client that cannot reach the server compiles by itself, silently: then the server did no work.
    if awk -v b="$before" -v a="$after" 'BEGIN { exit !(a - b < 0.2) }'; then
      echo "the compile did not run in the server (server CPU $before -> $after s)"; exit 1
    fi
    awk -v v="$1" -v s="$start" -v e="$end" -v b="$before" -v a="$after" 'BEGIN { printf "%s %.2f %.2f 0\n", v, e - s, a - b }' > "$work/time"
  }
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$project"
if [[ -n "$server_warmup" ]]; then
  for round in $(seq "$server_warmup"); do
    for variant in $variants; do
      compile "$variant"
      echo "(warm-up $round) $(cat "$work/time")"
    done
  done
fi
for _ in $(seq "$rounds"); do
  for variant in $variants; do
    if [[ -n "$perf" ]]; then
      # Each compile's window on the clock perf stamps its samples with.
      perf_switch enable
      start=$(python3 -c 'import time; print(time.clock_gettime(time.CLOCK_MONOTONIC))')
      compile "$variant"
      end=$(python3 -c 'import time; print(time.clock_gettime(time.CLOCK_MONOTONIC))')
      perf_switch disable
      echo "$variant $start $end" >> "$work/windows"
    else
      compile "$variant"
    fi
    cat "$work/time" | tee -a "$work/times"
    if [[ -n "$share" && "$variant" == with ]]; then
      # "   0.121  100   Forklift.Analyzers, Version=…": the driver's total for Forklift's analyzers in this compile.
      forklift=$(awk '/Forklift\.Analyzers, Version/ { print $1; exit }' "$work/with.out")
      awk -v f="${forklift:-0}" '{ printf "%.4f %.2f\n", f, $2 }' "$work/time" >> "$work/shares"
    fi
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
if [[ -n "$share" ]]; then
  awk '{ s[NR] = 100 * $1 / $2; f[NR] = $1; list = list sprintf(" %.1f", s[NR]) }
       END { n = NR; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) { if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }; if (f[j] < f[i]) { t = f[i]; f[i] = f[j]; f[j] = t } }
             printf "Forklift analyzers, driver-reported: median %.3f s, %.1f %% of the compile'"'"'s wall time (each compile:%s %%)\n",
               n % 2 ? f[(n + 1) / 2] : (f[n / 2] + f[n / 2 + 1]) / 2, n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2, list }' "$work/shares"
fi
if [[ -n "$perf" ]]; then
  # perf writes its data when the server, its child, exits.
  dotnet "$roslyn/VBCSCompiler.dll" -shutdown "-pipename:$pipe" > /dev/null 2>&1 || kill "$server" 2> /dev/null || true
  exec 7>&-
  wait "$perf_pid" 2> /dev/null || true
  perf script -i "$work/perf.data" -F comm,tid,time,ip,sym,dso 2> /dev/null > "$work/samples.txt"
  echo "CPU samples of the server during the $rounds measured rounds:"
  python3 "$script_dir/perf_threads.py" "$work/samples.txt" "$work/windows"
  [[ -z "${KEEP_PERF:-}" ]] || cp "$work/samples.txt" "$work/perf.data" "$work/windows" "$KEEP_PERF"/
fi
echo "FL reports in the last compile with Forklift: $(grep -o 'warning FL[0-9]*' "$work/with.out" | sort | uniq -c | tr -s ' \n' ' ')"
