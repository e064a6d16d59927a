"""Reads `perf script -F comm,tid,time,ip,sym,dso` output of a compiler server and the compiles' windows (csc-ab.sh
--perf), and prints per variant where the server's CPU samples fell, per compile, then Forklift's share of the samples
of the compiles with Forklift."""
import bisect
import collections
import re
import sys

from perf_share import method, samples_with_headers

TIME = re.compile(r"^(\d+\.\d+):$")

# Where a sample falls, first match wins: the thread it ran on, then its frames.
CATEGORIES = [
    "Forklift's frames",
    "garbage collector's threads",
    "background JIT (tiering) thread",
    "analyzer driver",
    "compiler's method compilation",
    "the rest",
]


def samples(path):
    """Each sample as (thread name, time, frames innermost first)."""
    for header, frames in samples_with_headers(path):
        yield parse(header, frames)


def parse(header, frames):
    tokens = header.split()
    for i, token in enumerate(tokens):
        match = TIME.match(token)
        if match:
            # The thread's name, then its id, then the time.
            return " ".join(tokens[:i - 1]), float(match.group(1)), frames
    return header, None, frames


def category(thread, frames):
    if any("Forklift.Analyzers." in frame or "Forklift.Generators." in frame for frame in frames):
        return CATEGORIES[0]
    if "GC" in thread:
        return CATEGORIES[1]
    if "Tiered" in thread:
        return CATEGORIES[2]
    if any("AnalyzerDriver" in frame or "AnalyzerExecutor" in frame for frame in frames):
        return CATEGORIES[3]
    if any("MethodCompiler" in frame for frame in frames):
        return CATEGORIES[4]
    return CATEGORIES[5]


def main(samples_path, windows_path):
    windows = [line.split() for line in open(windows_path)]
    windows.sort(key=lambda window: float(window[1]))
    starts = [float(window[1]) for window in windows]
    compiles = collections.Counter(window[0] for window in windows)

    def variant_at(time):
        i = bisect.bisect_right(starts, time) - 1
        return windows[i][0] if i >= 0 and time <= float(windows[i][2]) else None

    counts = collections.Counter()
    totals = collections.Counter()
    with_forklift = {"samples": 0, "ours": 0, "jit": 0, "runtime": 0}
    chains = collections.Counter()
    for thread, time, frames in samples(samples_path):
        variant = variant_at(time) if time is not None else None
        if variant is None:
            continue
        totals[variant] += 1
        where = category(thread, frames)
        counts[(variant, where)] += 1
        if variant != "with":
            continue
        with_forklift["samples"] += 1
        ours = [i for i, frame in enumerate(frames) if "Forklift." in frame]
        if not ours:
            continue
        with_forklift["ours"] += 1
        with_forklift["jit"] += "libclrjit" in frames[0]
        with_forklift["runtime"] += "libcoreclr" in frames[0]
        outermost = ours[-1]
        chains[" > ".join(method(frame) for frame in frames[max(0, outermost - 2):outermost + 1][::-1])] += 1

    variants = [v for v in ("with", "without", "noop", "bindall", "permodel") if compiles[v]]
    print(f"{'samples per compile':32s}" + "".join(f"{v:>10s}" for v in variants))
    print(f"{'all':32s}" + "".join(f"{totals[v] / compiles[v]:10.0f}" for v in variants))
    for where in CATEGORIES:
        print(f"{where:32s}" + "".join(f"{counts[(v, where)] / compiles[v]:10.0f}" for v in variants))
    if with_forklift["samples"]:
        share = 100 * with_forklift["ours"] / with_forklift["samples"]
        print(f"compiles with Forklift: {with_forklift['samples']} samples, {with_forklift['ours']} with a Forklift frame "
              f"({share:.1f}%), of which JIT {with_forklift['jit']} and runtime {with_forklift['runtime']}")
        for chain, count in chains.most_common(5):
            print(f"{count:6d}  {chain[-200:]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
