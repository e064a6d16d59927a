# The Python side of the benchmark: multiprocessing.Pool on the same machine, in the same run.
# Usage: python3 python_pool.py <round trips> <workers> [roundtrip]   (with "roundtrip": skip the map)
#        python3 python_pool.py <block> 1 serve   (for each "run" line on stdin: <block> round trips, then "done";
#        on "median": the median of all of them; so the caller can interleave its own blocks with Python's)
import statistics
import sys
import time
from multiprocessing import Pool


def f(x):
    return x


if __name__ == "__main__":
    round_trips = int(sys.argv[1])
    workers = int(sys.argv[2])
    with Pool(workers) as pool:
        pool.apply_async(f, (0,)).get()  # workers are up
        if len(sys.argv) > 3 and sys.argv[3] == "serve":
            times = []
            for line in sys.stdin:
                if line.strip() == "median":
                    print("roundtrip_median_us", statistics.median(times) * 1e6, flush=True)
                    break
                for i in range(round_trips):
                    start = time.perf_counter()
                    pool.apply_async(f, (i,)).get()
                    times.append(time.perf_counter() - start)
                print("done", flush=True)
            sys.exit(0)
        times = []
        for i in range(round_trips):
            start = time.perf_counter()
            pool.apply_async(f, (i,)).get()
            times.append(time.perf_counter() - start)
        print("roundtrip_median_us", statistics.median(times) * 1e6)
        if len(sys.argv) > 3 and sys.argv[3] == "roundtrip":
            sys.exit(0)
        # One untimed map first, as the .NET side does: both sides time maps of a warm pool.
        assert pool.map(f, range(200000))[-1] == 199999
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = pool.map(f, range(200000))
            runs.append(time.perf_counter() - start)
            assert result[-1] == 199999
        print("map200k_s", statistics.median(runs))
