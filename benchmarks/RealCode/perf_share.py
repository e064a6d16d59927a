"""Reads `perf script -F tid,ip,sym,dso` output of a compile and prints Forklift's share (see perf-share.sh)."""
import collections
import re
import sys

FRAME_NOISE = re.compile(r"\[(OptimizedTier1|Optimized|QuickJitted|Tier0|Tier1|PreJIT|OSR|InstrumentedTierOptimized|InstrumentedTier)\]")


def samples_with_headers(path):
    """Each sample as (header line, frames innermost first): a header line, then one tab-indented line per frame."""
    header, frames = None, None
    for line in open(path, errors="replace"):
        if not line.strip():
            if frames:
                yield header, frames
            header, frames = None, None
        elif not line.startswith("\t"):
            header, frames = line.strip(), []
        elif frames is not None:
            frames.append(line.strip())
    if frames:
        yield header, frames


def samples(path):
    """Each sample as its frames, innermost first."""
    for _, frames in samples_with_headers(path):
        yield frames


def method(frame):
    """The method of a frame, without address, signature, tier and module, shortened from the left."""
    name = re.sub(r"^\S+\s+", "", frame)
    name = FRAME_NOISE.sub("", re.sub(r"\(.*", "", name))
    name = re.sub(r"\[[A-Za-z.]+\]|(class|valuetype|instance) ", "", name).strip()
    return name[-100:] or "(unnamed: precompiled compiler code)"


def main(path, depth):
    total = forklift = jit = runtime = 0
    paths = collections.Counter()
    for frames in samples(path):
        total += 1
        ours = [i for i, frame in enumerate(frames) if "Forklift." in frame]
        if not ours:
            continue
        forklift += 1
        jit += "libclrjit" in frames[0]
        runtime += "libcoreclr" in frames[0]
        outermost = ours[-1]
        chain = [method(frame) for frame in frames[max(0, outermost - depth + 1):outermost + 1]][::-1]
        paths[" > ".join(chain)] += 1
    print(f"samples {total}; with a Forklift frame {forklift} ({100 * forklift / max(total, 1):.1f}%), "
          f"of which JIT {jit} and runtime {runtime}")
    for chain, count in paths.most_common(25):
        print(f"{count:6d} {100 * count / max(total, 1):5.1f}%  {chain}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
