namespace Forklift.Dispatch;

/// <summary>
/// Runs a full garbage collection in a worker after a call that moved a large message through shared memory, once
/// the worker has allocated as much since the last one as survived it: the last call's argument (and result) is then
/// freed, and the next call's array gets the same memory back instead of fresh pages.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> A large argument is decoded into a new array each call. The GC collects the large-object heap only
/// when its budget runs out, which on a machine with plenty of memory is gigabytes away: until then every call's array
/// lands on pages the kernel has never given this process, and each 4 KiB of them costs a fault and a zeroing (about
/// 1 ms per MB on the benchmark machine, five times the copy itself), while the dead arrays pile up. Measured on a
/// 1 GB echo (docs/benchmarks.md): the worker held 3 to 5 GB and decoding the argument took 0.7 s, then 2.2, 3.4 and
/// 3.8 s as its footprint grew; with this collection it holds one argument, the collection takes 2 to 9 ms, and the
/// decode takes 0.1 to 0.2 s (the copy alone), every call.</para>
/// <para><b>When.</b> After the answer is written (so the caller decodes it meanwhile, and the collection is not on
/// the call's path; the worker first yields its core once, so that the parent's reading thread, just woken, need not
/// wait for the collection when the other core is busy), and only when the bytes allocated since the last collection
/// reach what the heap held after it (at least <see cref="MinimumBytes"/>): a collection costs in proportion to the
/// live heap, so this keeps its cost in proportion to the bytes moved, even in a worker that holds a large heap of
/// its own. Blocking and non-compacting: large objects are not moved, and the freed memory is what the next array
/// reuses.</para>
/// <para><b>Why not 64 MiB.</b> Until 2026-11-29 the minimum was 64 MiB, so at 16 MB a collection came every
/// fourth call, and the calls in between decoded onto fresh pages. It was set that high because, with the GC's
/// default 4 MiB regions, collecting after every 16 MB call made the faults worse, not better: the freed array's
/// memory went back to the kernel either way. Workers now start with 1 MiB regions
/// (<c>Workers.WorkerRuntimeSettings</c>), under which an array of 8 MiB or more reuses a dead one's pages
/// once it has been collected, so collecting after each such call is what makes its decode fault-free (measured: one
/// fault per 16 MB echo on average instead of 2,000; the collection takes 0.1 to 0.8 ms with a small heap).</para>
/// <para>Used by one call at a time (a worker runs one request at a time).</para>
/// </remarks>
internal sealed class LargeMessageCollector
{
    /// <summary>Below this much allocation a collection is never forced: the GC's own budget handles it. 8 MiB, the
    /// smallest array that gets a GC region of its own in a worker (eight 1 MiB regions): a smaller one's memory is
    /// faulted in again after a collection anyway, so collecting more often would cost collections and save nothing.
    /// In a worker with a small heap, every call that moves 8 MiB or more collects after it.</summary>
    public const long MinimumBytes = 8L * 1024 * 1024;

    private long _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
    private long _liveAfterLastCollection;
    private bool _movedLargeMessage;

    /// <summary>How many collections this collector ran (for tests).</summary>
    public int Collections { get; private set; }

    /// <summary>The running call's request or answer travels through shared memory.</summary>
    public void MovedLargeMessage() => _movedLargeMessage = true;

    /// <summary>The running call was answered: collects if it moved a large message and enough was allocated since the
    /// last collection.</summary>
    public void AfterCall()
    {
        if (!_movedLargeMessage)
        {
            return;
        }

        _movedLargeMessage = false;
        if (GC.GetTotalAllocatedBytes() - _allocatedAtLastCollection < Math.Max(MinimumBytes, _liveAfterLastCollection))
        {
            return;
        }

        // The answer was just written and the parent's reading thread woken. On a machine whose other core is busy that
        // thread may wait for this one, and without a yield it waited for the whole collection: traced under load 9,
        // the parent read a 16 or 64 MB answer 0.3-0.7 ms after it was written, against 0.07-0.12 ms with the yield
        // (docs/benchmarks.md, "Issue 14, eighth session"). With nothing else to run, the yield returns at once.
        _ = Thread.Yield();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
        _liveAfterLastCollection = GC.GetTotalMemory(forceFullCollection: false);
        Collections++;
    }
}
