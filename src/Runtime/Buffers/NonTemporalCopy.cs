using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forklift.Buffers;

/// <summary>
/// Copies a large block with non-temporal (streaming) stores: the destination's cache lines are written straight to
/// memory instead of being read into the cache first and evicted later.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> Every large value crosses by four copies (into the request segment, out into the worker's array,
/// into the result segment, out into the caller's array), and each copy's destination is read next by the other
/// process or much later, never by the copying thread. An ordinary store first reads the destination line (a
/// read-for-ownership), so it moves three bytes over the memory bus for every byte copied; a streaming store moves
/// two. glibc's <c>memmove</c> (which <see cref="Span{T}.CopyTo(Span{T})"/> calls for large blocks) switches to
/// streaming stores only above three quarters of the shared cache per thread, 99 MB on the benchmark machine (it
/// reports a 260 MB L3 shared with every other tenant), so a 16 or 64 MB value was copied at about two thirds of the
/// speed of a 256 MB one: docs/benchmarks.md, "Time per MB from 16 MB to 1 GB".</para>
/// <para><b>When.</b> Only for blocks of at least <see cref="Threshold"/>, on x86 (SSE2, with the widest store the
/// processor has); elsewhere, and below it, <see cref="Span{T}.CopyTo(Span{T})"/>. The blocks must not overlap (they
/// never do here: a mapping and an array, or two arrays).</para>
/// <para><b>Two threads.</b> From <see cref="ParallelThreshold"/> on, the calling thread and one thread-pool thread
/// copy pieces of the block in turn. During a large call the other process waits, so a second core is usually idle:
/// one thread streamed 9.4-10.3 GB/s at 256 MB on the benchmark machine, two 17.2-18.3 GB/s, and a 256 MB echo fell
/// from 98-115 ms to 55-82 ms (docs/benchmarks.md, "Issue 14, seventh session"). On a machine whose cores are all busy
/// the helper gains nothing and the caller does most pieces itself.</para>
/// </remarks>
internal static unsafe class NonTemporalCopy
{
    /// <summary>Blocks shorter than this are copied with <see cref="Span{T}.CopyTo(Span{T})"/>. Measured on the
    /// benchmark machine (echoes of 1 to 64 MB, alternating): streaming stores made 1 to 8 MB echoes 10-25% slower
    /// (the reader finds a small block still in a cache, an ordinary store's reason to be) and 16 and 64 MB echoes
    /// 20-35% faster.</summary>
    public const int Threshold = 16 * 1024 * 1024;

    // The destination is aligned to a cache line, and copied in blocks of two lines, four pages at a time.
    private const int LineSize = 64;
    private const int BlockSize = 2 * LineSize;
    private const int PageSize = 4096;
    private const int ChunkSize = 4 * PageSize;

    /// <summary>Blocks of at least this size are copied by the calling thread and one thread-pool thread together
    /// (see <see cref="SharedCopy"/>). Measured on the benchmark machine with its second core idle: one thread
    /// streams about 10 GB/s, two about 18 GB/s, so one core, not the memory, is the limit. The same as
    /// <see cref="Threshold"/>: at 16 MB two threads took 0.7 ms against 1.2 ms.</summary>
    public const int ParallelThreshold = Threshold;

    // The unit the two threads take turns claiming: small enough that the caller never waits long for the helper's
    // last piece (0.2-0.4 ms), large enough that claiming costs nothing.
    private const int ParallelChunk = 2 * 1024 * 1024;

    /// <summary>Copies <paramref name="source"/> to the start of <paramref name="destination"/>, which must be at
    /// least as long and must not overlap it.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    /// <remarks>Compiled fully optimized at once: it runs a few times per large message, so tiered compilation would
    /// leave it at tier 0 (every block a call) for the first thirty messages, each of which loops over megabytes.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(ReadOnlySpan<byte> source, Span<byte> destination) => Copy(source, destination, shareWithThreadPool: true);

    /// <summary><see cref="Copy(ReadOnlySpan{byte}, Span{byte})"/>, on the calling thread alone if
    /// <paramref name="shareWithThreadPool"/> is <see langword="false"/> (for the benchmark that compares the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Copy(ReadOnlySpan<byte> source, Span<byte> destination, bool shareWithThreadPool)
    {
        if (source.Length < Threshold || !Sse2.IsSupported)
        {
            source.CopyTo(destination);
            return;
        }

        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        fixed (byte* from = source)
        fixed (byte* to = destination)
        {
            if (shareWithThreadPool && source.Length >= ParallelThreshold && Environment.ProcessorCount > 1)
            {
                // Both blocks stay pinned until every piece is copied: SharedCopy returns only then.
                new SharedCopy(from, to, (nuint)source.Length, hooks: null).Run();
            }
            else
            {
                CopyStreaming(from, to, (nuint)source.Length);
            }
        }
    }

    /// <summary>For tests: a copy of at least <see cref="ParallelThreshold"/> bytes shared with a thread-pool thread.
    /// Each thread calls <paramref name="beforePiece"/> (with <see langword="true"/> on the helper) before it copies a
    /// piece it claimed, and the caller calls <paramref name="callerBlocking"/> when it stops spinning for the helper,
    /// just before it blocks.</summary>
    /// <returns>Whether the caller blocked.</returns>
    internal static bool CopyShared(ReadOnlySpan<byte> source, Span<byte> destination, Action<bool, int> beforePiece, Action callerBlocking)
    {
        if (source.Length < ParallelThreshold || destination.Length < source.Length || !Sse2.IsSupported)
        {
            throw new ArgumentException("Not a shared copy: too short, or no streaming stores.", nameof(source));
        }

        fixed (byte* from = source)
        fixed (byte* to = destination)
        {
            var copy = new SharedCopy(from, to, (nuint)source.Length, new SharedCopyHooks(beforePiece, callerBlocking));
            copy.Run();
            return copy.CallerBlocked;
        }
    }

    /// <summary>Copies <paramref name="length"/> bytes with streaming stores, ending with a store fence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyStreaming(byte* from, byte* to, nuint length)
    {
        // Up to the first cache-line boundary of the destination with an ordinary copy (streaming stores must be
        // aligned), then whole blocks, then the rest.
        nuint head = Math.Min(length, (LineSize - ((nuint)to & (LineSize - 1))) & (LineSize - 1));
        Buffer.MemoryCopy(from, to, head, head);
        byte* s = from + head;
        byte* d = to + head;
        length -= head;

        // Four pages at a time, a block from each in turn: four streams keep more of the memory busy than one
        // (glibc's memmove does the same above its threshold). Measured, cold buffers: 11.3-11.8 GB/s at 16 to
        // 256 MB, against 9.7-9.9 for one stream and 6.5-6.8 for an ordinary copy below 99 MB.
        for (nuint chunk = length / ChunkSize; chunk > 0; chunk--, s += ChunkSize, d += ChunkSize)
        {
            for (int offset = 0; offset < PageSize; offset += BlockSize)
            {
                CopyBlock(s + offset, d + offset);
                CopyBlock(s + PageSize + offset, d + PageSize + offset);
                CopyBlock(s + (2 * PageSize) + offset, d + (2 * PageSize) + offset);
                CopyBlock(s + (3 * PageSize) + offset, d + (3 * PageSize) + offset);
            }
        }

        for (nuint block = length % ChunkSize / BlockSize; block > 0; block--, s += BlockSize, d += BlockSize)
        {
            CopyBlock(s, d);
        }

        // Streaming stores are weakly ordered: make them visible before anything this thread writes next (the
        // frame that tells the peer the block is there, the array handed to the caller, or the count of pieces done
        // that the other thread of a SharedCopy waits for).
        Sse.StoreFence();
        nuint rest = length % BlockSize;
        Buffer.MemoryCopy(s, d, rest, rest);
    }

    /// <summary>One large copy split into pieces that the calling thread and one thread-pool thread claim in turn.</summary>
    /// <remarks>
    /// <para>The caller never depends on the helper to make progress: if the helper starts late (a busy or starved
    /// thread pool), the caller has claimed every piece itself and the helper finds none; the caller waits only for
    /// pieces the helper has claimed and is copying. So the copy takes at most as long as on one thread plus one
    /// piece, and the helper never touches the blocks after <see cref="Run"/> returns (it claims a piece before it
    /// copies, and a claim past the end copies nothing).</para>
    /// <para><b>The wait for the helper's last piece</b> spins and yields, and never sleeps: a piece takes 0.1-0.2 ms,
    /// and <see cref="SpinWait.SpinOnce()"/>'s default sleeps 1 ms at a time once it has spun a while, which every
    /// other copy of a 16 MB echo paid (1.1-1.2 ms on a 1.0-1.3 ms copy; docs/benchmarks.md, "Issue 14, eighth
    /// session"). Only a helper stalled mid-piece for longer than <see cref="SpinTicks"/> (preempted on a busy
    /// machine) makes the caller block, until the helper's last piece wakes it.</para>
    /// </remarks>
    private sealed class SharedCopy(byte* from, byte* to, nuint length, SharedCopyHooks? hooks) : IThreadPoolWorkItem
    {
        // About five pieces' worth of copying: longer than the helper needs for its last piece unless it lost its core.
        private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

        private readonly int _pieces = (int)((length + ParallelChunk - 1) / ParallelChunk);

        // Guards the caller's blocking wait against the last piece's wake-up.
        private readonly object _gate = new();
        private int _claimed;
        private int _done;

        /// <summary>Whether the caller gave up spinning and blocked until the helper's last piece (for tests).</summary>
        public bool CallerBlocked { get; private set; }

        public void Run()
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            CopyPieces(helper: false);
            if (Volatile.Read(ref _done) != _pieces)
            {
                WaitForHelper();
            }
        }

        void IThreadPoolWorkItem.Execute()
        {
            CopyPieces(helper: true);
        }

        private void WaitForHelper()
        {
            var spinner = default(SpinWait);
            long giveUp = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _done) != _pieces)
            {
                if (Stopwatch.GetTimestamp() >= giveUp)
                {
                    lock (_gate)
                    {
                        CallerBlocked = true;
                        hooks?.CallerBlocking();
                        while (Volatile.Read(ref _done) != _pieces)
                        {
                            _ = Monitor.Wait(_gate);
                        }
                    }

                    return;
                }

                // -1: yield the core (to the helper, if it lost it) but never sleep a fixed millisecond.
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CopyPieces(bool helper)
        {
            int piece;
            while ((piece = Interlocked.Increment(ref _claimed) - 1) < _pieces)
            {
                hooks?.BeforePiece(helper, piece);

                nuint offset = (nuint)piece * ParallelChunk;
                CopyStreaming(from + offset, to + offset, Math.Min(ParallelChunk, length - offset));

                // After the piece's store fence: whoever sees the count sees the bytes. The last piece wakes a caller
                // that gave up spinning (the count is written before the lock is taken, and the caller checks it
                // under the lock, so the wake-up cannot fall between its check and its wait).
                if (Interlocked.Increment(ref _done) == _pieces)
                {
                    lock (_gate)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }

    /// <summary>What a test observes of a <see cref="SharedCopy"/> (see <see cref="CopyShared"/>).</summary>
    private sealed record SharedCopyHooks(Action<bool, int> BeforePiece, Action CallerBlocking);

    /// <summary>Copies <see cref="BlockSize"/> bytes to a 64-byte aligned <paramref name="to"/> with the widest
    /// streaming store the processor has (the JIT keeps only that branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyBlock(byte* from, byte* to)
    {
        if (Avx512F.IsSupported)
        {
            Vector512<byte> a = Avx512F.LoadVector512(from);
            Vector512<byte> b = Avx512F.LoadVector512(from + 64);
            Avx512F.StoreAlignedNonTemporal(to, a);
            Avx512F.StoreAlignedNonTemporal(to + 64, b);
        }
        else if (Avx.IsSupported)
        {
            Vector256<byte> a = Avx.LoadVector256(from);
            Vector256<byte> b = Avx.LoadVector256(from + 32);
            Vector256<byte> c = Avx.LoadVector256(from + 64);
            Vector256<byte> d = Avx.LoadVector256(from + 96);
            Avx.StoreAlignedNonTemporal(to, a);
            Avx.StoreAlignedNonTemporal(to + 32, b);
            Avx.StoreAlignedNonTemporal(to + 64, c);
            Avx.StoreAlignedNonTemporal(to + 96, d);
        }
        else
        {
            for (int offset = 0; offset < BlockSize; offset += 64)
            {
                Vector128<byte> a = Sse2.LoadVector128(from + offset);
                Vector128<byte> b = Sse2.LoadVector128(from + offset + 16);
                Vector128<byte> c = Sse2.LoadVector128(from + offset + 32);
                Vector128<byte> d = Sse2.LoadVector128(from + offset + 48);
                Sse2.StoreAlignedNonTemporal(to + offset, a);
                Sse2.StoreAlignedNonTemporal(to + offset + 16, b);
                Sse2.StoreAlignedNonTemporal(to + offset + 32, c);
                Sse2.StoreAlignedNonTemporal(to + offset + 48, d);
            }
        }
    }
}
