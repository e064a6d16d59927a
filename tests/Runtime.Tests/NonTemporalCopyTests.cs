using Forklift.Buffers;

namespace Forklift.Runtime.Tests;

/// <summary>
/// <see cref="NonTemporalCopy"/> copies large blocks with streaming stores after an ordinary copy up to the
/// destination's first cache line, and the rest after the last whole block: every byte must land exactly, whatever
/// the alignment of either side and the length's remainder, and whichever of two threads copies a piece of a very
/// large block.
/// </summary>
public sealed class NonTemporalCopyTests
{
    private const int Threshold = NonTemporalCopy.Threshold;

    public static TheoryData<int, int, int> Cases => new()
    {
        // length, source offset, destination offset (in arrays of their own)
        { Threshold - 1, 0, 0 },     // below the threshold: an ordinary copy
        { Threshold, 0, 0 },
        { Threshold, 3, 0 },
        { Threshold, 0, 1 },
        { Threshold + 127, 5, 63 },  // a partial head, whole blocks and a tail of 127 bytes
        { Threshold + 64, 64, 65 },
        { (3 * Threshold) + 4097, 17, 33 },

        // From ParallelThreshold on, pieces copied by the caller and a thread-pool thread: whole pieces only, a last
        // piece of one byte, and a last piece with a partial head of its own.
        { 2 * NonTemporalCopy.ParallelThreshold, 0, 0 },
        { NonTemporalCopy.ParallelThreshold + 1, 1, 7 },
        { (5 * NonTemporalCopy.ParallelThreshold / 2) + 65, 9, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_byte_lands_exactly_and_nothing_past_the_source_is_written(int length, int sourceOffset, int destinationOffset)
    {
        byte[] source = new byte[sourceOffset + length];
        new Random(length + sourceOffset).NextBytes(source);
        byte[] destination = new byte[destinationOffset + length + 256];
        destination.AsSpan().Fill(0xA5);

        NonTemporalCopy.Copy(source.AsSpan(sourceOffset, length), destination.AsSpan(destinationOffset));

        Assert.True(source.AsSpan(sourceOffset, length).SequenceEqual(destination.AsSpan(destinationOffset, length)), "the copied bytes differ");
        Assert.True(destination.AsSpan(0, destinationOffset).IndexOfAnyExcept((byte)0xA5) < 0, "a byte before the destination was written");
        Assert.True(destination.AsSpan(destinationOffset + length).IndexOfAnyExcept((byte)0xA5) < 0, "a byte past the copy was written");
    }

    [Fact]
    public void A_destination_shorter_than_the_source_is_refused_before_anything_is_written()
    {
        byte[] source = new byte[Threshold];
        source.AsSpan().Fill(1);
        byte[] destination = new byte[Threshold - 1];

        Assert.Throws<ArgumentException>(() => NonTemporalCopy.Copy(source, destination));
        Assert.True(destination.AsSpan().IndexOfAnyExcept((byte)0) < 0);
    }

    /// <summary>The helper holds its piece until the caller has copied every other one and given up spinning: the
    /// caller must block (not spin or sleep for ever) and wake when the helper's last piece is done, with every byte
    /// in place. Each side waits for the other's step, never for time: the caller leaves a piece for the helper (its
    /// first piece waits until the helper has claimed one), and the helper copies only once the caller blocks.</summary>
    [Fact]
    public async Task A_caller_waiting_for_a_stalled_helper_blocks_and_wakes_when_the_helpers_last_piece_is_done()
    {
        int length = (2 * NonTemporalCopy.ParallelThreshold) + 4097;
        byte[] source = new byte[length];
        new Random(7).NextBytes(source);
        byte[] destination = new byte[length];
        using var helperClaimed = new ManualResetEventSlim();
        using var callerBlocked = new ManualResetEventSlim();
        int callerWaitedForHelper = 0;
        int helperWaitedForCaller = 0;

        void BeforePiece(bool helper, int piece)
        {
            if (helper)
            {
                helperClaimed.Set();
                if (callerBlocked.Wait(TimeSpan.FromSeconds(60)))
                {
                    Interlocked.Increment(ref helperWaitedForCaller);
                }
            }
            else if (helperClaimed.Wait(TimeSpan.FromSeconds(60)))
            {
                Interlocked.Increment(ref callerWaitedForHelper);
            }
        }

        Task<bool> copy = Task.Factory.StartNew(
            () => NonTemporalCopy.CopyShared(source, destination, BeforePiece, callerBlocked.Set),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // A TimeoutException here: the caller never woke after the helper's last piece.
        bool blocked = await copy.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(blocked, "the caller never blocked while the helper held its piece");
        Assert.True(callerWaitedForHelper > 0, "the helper never claimed a piece");
        Assert.Equal(1, helperWaitedForCaller);
        Assert.True(source.AsSpan().SequenceEqual(destination), "the copied bytes differ");
    }
}
