# The Python side of the payload benchmark: echo of `size` bytes through multiprocessing.Pool.apply (pickled through
# a pipe), and through multiprocessing.shared_memory (the argument and the result each in a segment; the worker copies
# one into the other, the parent copies the result out into bytes, as a caller needs its own value).
# Usage: python3 python_payload.py <megabytes> <runs>
import statistics
import sys
import time
from multiprocessing import Pool, shared_memory


def echo(data):
    return data


def echo_shm(name, size):
    source = shared_memory.SharedMemory(name=name)
    target = shared_memory.SharedMemory(create=True, size=size)
    target.buf[:size] = source.buf[:size]
    source.close()
    result = target.name
    target.close()
    return result


def shm_round_trip(pool, data):
    size = len(data)
    argument = shared_memory.SharedMemory(create=True, size=size)
    argument.buf[:size] = data
    name = pool.apply(echo_shm, (argument.name, size))
    argument.close()
    argument.unlink()
    result = shared_memory.SharedMemory(name=name)
    back = bytes(result.buf[:size])
    result.close()
    result.unlink()
    return back


if __name__ == "__main__":
    megabytes = int(sys.argv[1])
    runs = int(sys.argv[2])
    data = bytes(range(256)) * (megabytes * 4096)
    with Pool(1) as pool:
        pool.apply(echo, (b"x",))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            back = pool.apply(echo, (data,))
            times.append(time.perf_counter() - start)
            assert len(back) == len(data)
            del back
        print("apply_ms", statistics.median(times) * 1e3)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            back = shm_round_trip(pool, data)
            times.append(time.perf_counter() - start)
            assert back == data
            del back
        print("shm_ms", statistics.median(times) * 1e3)
