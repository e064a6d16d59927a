#!/usr/bin/env bash
# Race-shape sets: builds each set (a folder with a .csproj, racy/*.cs, clean/*.cs and key.tsv) with a Forklift
# checkout's analyzers injected, and scores every file against the set's key: a racy file is found when Forklift
# reports anything in it, a clean file is flagged when Forklift reports anything in it.
#
#   benchmarks/RaceShapes/run.sh [--forklift <checkout>] [--no-build-forklift] <set folder> ...
#
# Each set is copied to a temporary folder first, so the repository's Directory.Build.* (warnings as errors) does not
# apply and nothing is written into the set. Prints one line per file that is missed or flagged, then per set:
# "found R of N racy, flagged F of M clean".
set -euo pipefail

forklift=$(cd "$(dirname "$0")/../.." && pwd) build_forklift=1 sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --forklift) forklift=$(cd "$2" && pwd); shift 2 ;;
    --no-build-forklift) build_forklift=0; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) sets+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[[ ${#sets[@]} -gt 0 ]] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

if [[ $build_forklift -eq 1 ]]; then
  dotnet build "$forklift/src/Analyzers" -c Release -v:q -nologo > /dev/null
fi
analyzers="$forklift/src/Analyzers/bin/Release/netstandard2.0/Forklift.Analyzers.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for set in "${sets[@]}"; do
  name=$(basename "$set")
  copy="$work/$name"
  cp -r "$set" "$copy"
  rm -rf "$copy/bin" "$copy/obj"
  echo '<Project />' > "$copy/Directory.Build.props"
  echo '<Project />' > "$copy/Directory.Packages.props"
  cat > "$copy/Directory.Build.targets" <<EOF
<Project>
  <ItemGroup>
    <Analyzer Include="$analyzers" />
  </ItemGroup>
</Project>
EOF
  (cd "$copy" && dotnet build -c Release -nologo -p:TreatWarningsAsErrors=false > "$work/$name.log" 2>&1) || {
    echo "$name: the build failed"; tail -20 "$work/$name.log"; exit 1; }
  grep -q "warning AD0001" "$work/$name.log" && { echo "$name: an analyzer failed (AD0001)"; grep "warning AD0001" "$work/$name.log" | sort -u; exit 1; }
  # "…/racy/R05.cs(15,15): warning FL1006: …" → "racy/R05.cs FL1006"
  { grep -oE "(racy|clean)/[A-Za-z0-9_]+\.cs\([0-9]+,[0-9]+\): warning FL[0-9]{4}" "$work/$name.log" || true; } \
    | sed -E 's/\(([0-9]+),[0-9]+\): warning / \1 /' | sort -u > "$work/$name.reports"
  awk -F'\t' -v set="$name" -v reports="$work/$name.reports" '
    BEGIN { while ((getline line < reports) > 0) { split(line, r, " "); ids[r[1]] = ids[r[1]] " " r[3] "@" r[2] } }
    NR == 1 { next }
    $2 == "racy" { racy++; if ($1 in ids) found++; else printf "  missed  %s (line %s, %s)\n", $1, $3, $4 }
    $2 == "clean" { clean++; if ($1 in ids) { flagged++; printf "  flagged %s:%s\n", $1, ids[$1] } }
    END { printf "%s: found %d of %d racy, flagged %d of %d clean\n", set, found, racy, flagged, clean }
  ' "$set/key.tsv"
done
