using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// When a worker forces a collection after a call (see <see cref="LargeMessageCollector"/>): only after a call that
/// moved a large message, and only once enough was allocated. Other tests allocate in this process at the same time,
/// so only what they cannot change is asserted.
/// </summary>
public sealed class LargeMessageCollectorTests
{
    [Fact]
    public void A_call_that_moved_no_large_message_never_collects()
    {
        var collector = new LargeMessageCollector();
        GC.KeepAlive(new byte[LargeMessageCollector.MinimumBytes + 1]);

        collector.AfterCall();

        Assert.Equal(0, collector.Collections);
    }

    [Fact]
    public void A_call_that_moved_a_large_message_collects_once_enough_was_allocated_and_the_next_call_decides_afresh()
    {
        var collector = new LargeMessageCollector();
        GC.KeepAlive(new byte[2 * LargeMessageCollector.MinimumBytes]);
        int full = GC.CollectionCount(2);

        collector.MovedLargeMessage();
        collector.AfterCall();

        Assert.Equal(1, collector.Collections);
        Assert.True(GC.CollectionCount(2) > full);

        // The mark was for that call only.
        collector.AfterCall();
        Assert.Equal(1, collector.Collections);
    }
}
