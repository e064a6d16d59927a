#!/usr/bin/env bash
# Real-code check: build other people's libraries with a Forklift checkout's analyzers injected, and write every FL
# report (id, file, line, message) plus the analyzers' share of the compiler's time. See README.md beside this file.
#
#   benchmarks/RealCode/run.sh --forklift <forklift checkout> --root <folder of checkouts> --out <results folder> \
#       [--label <name>] [--refonly] [--no-warnaserror] [--no-build-forklift] [--portable] [--generator] \
#       [-p:Name=Value ...] <dir/under/root/Project.csproj@tfm[@Name=Value...]> ...
#
# Nothing here knows any particular library: the checkouts, their projects and target frameworks come from the
# command line. The checkouts are never edited: the analyzers come in through -p:CustomAfterMicrosoftCommonTargets.
set -euo pipefail

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

forklift="" root="" out="" label="" refonly=0 warnaserror=1 build_forklift=1 portable=0 generator=false
extra=() targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --forklift) forklift=$(cd "$2" && pwd); shift 2 ;;
    --root) root=$(cd "$2" && pwd); shift 2 ;;
    --out) mkdir -p "$2"; out=$(cd "$2" && pwd); shift 2 ;;
    --label) label=$2; shift 2 ;;
    --refonly) refonly=1; shift ;;
    --no-warnaserror) warnaserror=0; shift ;;
    --no-build-forklift) build_forklift=0; shift ;;
    --portable) portable=1; shift ;;
    --generator) generator=true; shift ;;
    -p:*) extra+=("$1"); shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ -n "$forklift" && -n "$root" && -n "$out" && ${#targets[@]} -gt 0 ]] || usage
command -v jq >/dev/null || { echo "run.sh needs jq (to read the compiler's SARIF log)" >&2; exit 2; }
label=${label:-$(git -C "$forklift" rev-parse --short HEAD 2>/dev/null || echo forklift)}
here=$(cd "$(dirname "$0")" && pwd)

# 1. The analyzers under test, copied to a folder named after their content: the compiler server keeps an analyzer
#    loaded by path, so two builds of Forklift must never share one.
#    As the package does for `dotnet build` (build/Forklift.Analyzers.targets), the analyzers are the ReadyToRun image
#    for this machine's platform when src/Analyzers.ReadyToRun has one, unless --portable asks for the portable image.
host_rid="$(uname -s | sed 's/Linux/linux/; s/Darwin/osx/')-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
if [[ $build_forklift -eq 1 ]]; then
  dotnet build "$forklift/src/Analyzers" -c Release -v:q -nologo >/dev/null
  dotnet build "$forklift/src/Generators" -c Release -v:q -nologo >/dev/null
  if [[ $portable -eq 0 && -d "$forklift/src/Analyzers.ReadyToRun" ]]; then
    dotnet build "$forklift/src/Analyzers.ReadyToRun" -c Release -v:q -nologo >/dev/null
  fi
fi
analyzers_dll="$forklift/src/Analyzers/bin/Release/netstandard2.0/Forklift.Analyzers.dll"
readytorun_dll="$forklift/src/Analyzers.ReadyToRun/bin/Release/net10.0/r2r/$host_rid/Forklift.Analyzers.dll"
if [[ $portable -eq 0 && -f "$readytorun_dll" ]]; then
  analyzers_dll=$readytorun_dll
fi
echo "analyzers: $analyzers_dll"
# The generator is copied only when it is injected (--generator): a checkout whose generator was never built can
# still be measured for its analyzers with --no-build-forklift.
injected=("$analyzers_dll")
if [[ $generator == true ]]; then
  injected+=("$forklift/src/Generators/bin/Release/netstandard2.0/Forklift.Generators.dll")
fi
hash=$(cat "${injected[@]}" | sha256sum | cut -c1-12)
analyzer_dir="$out/analyzers-$hash"
mkdir -p "$analyzer_dir"
cp "${injected[@]}" "$analyzer_dir/"
# The package's build/Forklift.props too: it makes the build properties the analyzers read compiler-visible.
cp "$forklift/src/Runtime/build/Forklift.props" "$analyzer_dir/"
ids=$(grep -o '"FL[0-9]\{4\}"' "$forklift/src/Analyzers/DiagnosticIds.cs" | tr -d '"' | sort -u | paste -sd'%' - | sed 's/%/%3B/g')

reports="$out/reports-$label.tsv"
costs="$out/costs-$label.tsv"
printf 'target\tid\tfile\tline\tmessage\n' >"$reports"
printf 'target\tcompile\tcsc_ms\tall_analyzers_s\tforklift_analyzers_s\tforklift_generator_s\tforklift_pct_of_csc\tper_analyzer\n' >"$costs"

# Reads one detailed (-v:d) build log with -p:ReportAnalyzer=true: the Csc task time (performance summary) and the
# analyzer summary. Prints: csc_ms, total analyzer seconds, Forklift.Analyzers seconds, Forklift.Generators seconds,
# and "Name (IDs) seconds; ..." per Forklift analyzer, heaviest first (the compiler's order).
summarize_log() {
  awk '
    /Total analyzer execution time:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) total = $i }
    /^ *[0-9]+ ms +Csc +[0-9]+ calls/ { csc = $1 }
    # an assembly line: "   <seconds>   <pct>   Forklift.Analyzers, Version=..."
    /^ +[0-9.<]+ +[0-9<]+ +Forklift\.Analyzers, Version/ { fa += ($1 ~ /^</ ? 0 : $1) }
    /^ +[0-9.<]+ +[0-9<]+ +Forklift\.Generators, Version/ { fg += ($1 ~ /^</ ? 0 : $1) }
    # an analyzer line: "   <seconds>   <pct>      Forklift.Analyzers.X.YAnalyzer (FL1001, FL1002)"
    /^ +[0-9.<]+ +[0-9<]+ +Forklift\.(Analyzers|Generators)\.[A-Za-z.]+/ {
      name = $3; sub(/.*\./, "", name); ids = ""; for (i = 4; i <= NF; i++) ids = ids " " $i
      per = per (per == "" ? "" : "; ") name ids " " $1
    }
    END { printf "%s\t%s\t%s\t%s\t%s\n", (csc == "" ? "?" : csc), (total == "" ? "?" : total), fa + 0, fg + 0, per }
  ' "$1"
}

compile() { # <project> <tfm> <kind: full|refonly> <log> <sarif>
  local project=$1 tfm=$2 kind=$3 log=$4 sarif=$5 props=()
  [[ $kind == refonly ]] && props+=(-p:ProduceOnlyReferenceAssembly=true)
  [[ $warnaserror -eq 0 ]] && props+=(-p:TreatWarningsAsErrors=false -p:MSBuildTreatWarningsAsErrors=false)
  props+=(-p:ForkliftRealCodeSarif="$sarif")
  rm -f "$sarif"
  # Rebuild of the target project alone (its references were built once, below): one Csc call to measure.
  dotnet build "$project" -c Release -f "$tfm" --no-restore -nologo -t:Rebuild -p:BuildProjectReferences=false \
    "${common[@]}" "${props[@]}" -p:ReportAnalyzer=true -p:UseSharedCompilation=false \
    -v:d -clp:PerformanceSummary >"$log" 2>&1 || { echo "  build failed, see $log" >&2; tail -5 "$log" >&2; return 1; }
}

for spec in "${targets[@]}"; do
  # <path>@<tfm>[@Name=Value...]: the properties after the TFM apply to this target's restore and builds only.
  IFS='@' read -r -a parts <<<"$spec"
  [[ ${#parts[@]} -ge 2 && -n "${parts[1]}" ]] || { echo "target '$spec' must be <path>@<tfm>[@Name=Value...]" >&2; exit 2; }
  rel=${parts[0]}; tfm=${parts[1]}
  own=(); for p in "${parts[@]:2}"; do own+=("-p:$p"); done
  project="$root/$rel"
  [[ -f "$project" ]] || { echo "no project at $project" >&2; exit 2; }
  name=$(echo "$rel" | tr '/' '_' | sed 's/\.csproj$//')
  checkout="$root/${rel%%/*}"
  sarif="$out/$name-first-$label.sarif" # replaced per compile below
  common=(-p:CustomAfterMicrosoftCommonTargets="$here/inject.targets" -p:ForkliftRealCodeProject="$project"
          -p:ForkliftRealCodeAnalyzerDir="$analyzer_dir" -p:ForkliftRealCodeIds="$ids" -p:ForkliftRealCodeSarif="$sarif"
          -p:ForkliftRealCodeGenerator=$generator
          -p:RunAnalyzers=true "${extra[@]}" "${own[@]}")
  echo "== $rel ($tfm) with Forklift $label"
  props=(); [[ $warnaserror -eq 0 ]] && props+=(-p:TreatWarningsAsErrors=false -p:MSBuildTreatWarningsAsErrors=false)
  # The restore tolerates the package feed's substitutes (a nearby version when the pinned one is not served: NU1603,
  # and the downgrade warnings that follow, NU1605), which are about this machine's feed, not the library.
  dotnet restore "$project" -nologo -v:q "${common[@]}" -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= \
    >"$out/$name-restore.log" 2>&1 \
    || { echo "  restore failed, see $out/$name-restore.log" >&2; continue; }
  # The references, built once (the target too, but without any analyzer: that compile is not measured).
  dotnet build "$project" -c Release -f "$tfm" --no-restore -nologo -v:q "${common[@]}" "${props[@]}" -p:RunAnalyzers=false \
    >"$out/$name-first-$label.log" 2>&1 || { echo "  first build failed, see $out/$name-first-$label.log" >&2; continue; }

  kinds=(full); [[ $refonly -eq 1 ]] && kinds+=(refonly)
  for kind in "${kinds[@]}"; do
    log="$out/$name-$kind-$label.log"
    sarif="$out/$name-$kind-$label.sarif"
    compile "$project" "$tfm" "$kind" "$log" "$sarif" || continue
    IFS=$'\t' read -r csc total fa fg per < <(summarize_log "$log")
    pct=$(awk -v a="$fa" -v g="$fg" -v c="$csc" 'BEGIN { if (c + 0 > 0) printf "%.1f", 100 * (a + g) * 1000 / c; else print "?" }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "$csc" "$total" "$fa" "$fg" "$pct" "$per" >>"$costs"
    echo "  $kind: Csc $csc ms, all analyzers $total s, Forklift analyzers $fa s + generator $fg s ($pct % of Csc)"
    [[ $kind == full ]] || continue
    # The compiler command line, for the in-process benchmarks (--csc-args, with --project-dir the project's folder).
    grep -m1 -E '(/csc|csc\.dll|csc\.exe) .*/noconfig' "$log" | sed -E 's/^ *//' >"$out/$name.csc.rsp" || true
    # Every Forklift report (and AD0001) with its location, relative to the checkout; suppressed ones are marked.
    jq -r --arg t "$name" --arg base "file://$checkout/" '
      .runs[].results[]?
      | select(.ruleId | test("^(FL[0-9]{4}|AD0001)$"))
      | [ $t, .ruleId,
          ((.locations[0].physicalLocation.artifactLocation.uri // "?") | sub("^" + $base; "")),
          ((.locations[0].physicalLocation.region.startLine // 0) | tostring),
          (.message.text | gsub("[\t\n]"; " ")) + (if (.suppressions // []) | length > 0 then " [suppressed]" else "" end) ]
      | @tsv' "$sarif" | sort -t$'\t' -k3,3 -k4,4n >>"$reports"
  done
done

echo
echo "Reports: $reports ($(($(wc -l <"$reports") - 1)) rows)"
cut -f2 "$reports" | tail -n +2 | sort | uniq -c | sed 's/^/  /'
echo "Costs:   $costs"
column -t -s$'\t' "$costs" | cut -c1-200
