#!/usr/bin/env python3
"""How much each race-shape set resembles the sets before it.

    python3 benchmarks/RaceShapes/similarity.py [threshold ...]

For every set (in the order written: by date, then letter, z before aa) and every file in it, the best line-by-line similarity (difflib's ratio) to any file of
an earlier set; prints, per set, how many files pass each threshold (default 0.5 and 0.65), and the closest pairs of
the newest set. A set written from the same brief by the same kind of writer drifts towards the earlier ones: a file
that is most of an earlier file measures what the rules were already fixed on, not how they meet new code.
"""
import difflib
import glob
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
thresholds = [float(t) for t in sys.argv[1:]] or [0.5, 0.65]


def written(folder):
    """The order the sets were written in: by date, then by letter, 'z' before 'aa' ('set-2026-12-02aa')."""
    name = os.path.basename(folder)
    date, letters = name[4:14], name[14:]
    return (date, len(letters), letters)


sets = sorted((d for d in glob.glob(os.path.join(here, "set-*")) if os.path.isdir(d)), key=written)


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def files(folder):
    return sorted(glob.glob(os.path.join(folder, "*", "*.cs")))


closest = []
for k, target in enumerate(sets[1:], 1):
    earlier = {f: lines(f) for s in sets[:k] for f in files(s)}
    counts = [0] * len(thresholds)
    closest = []
    for f in files(target):
        a, best, match = lines(f), 0.0, None
        for g, b in earlier.items():
            m = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if m.real_quick_ratio() <= best or m.quick_ratio() <= best:
                continue
            r = m.ratio()
            if r > best:
                best, match = r, g
        counts = [c + (best > t) for c, t in zip(counts, thresholds)]
        closest.append((best, os.path.relpath(f, here), os.path.relpath(match, here) if match else "-"))
    print(os.path.basename(target) + ": " + ", ".join(f"{c} files > {t:.0%}" for c, t in zip(counts, thresholds)))

print("closest pairs of the newest set:")
for best, f, g in sorted(closest, reverse=True)[:8]:
    print(f"  {best:.2f}  {f}  ~  {g}")
