namespace Blind55.Clean.C31;

public sealed record SeatChange(long Sequence, string Route, DateOnly Day, int SeatsDelta);

public interface ISeatFeed
{
    Task<IReadOnlyList<SeatChange>> ReadPartitionAsync(int partition, long after, CancellationToken ct);
}

/// <summary>
/// Sync cursor for the bus ticketing seat inventory agent. Several partition readers advance it
/// as they apply changes; the health endpoint and the next poll read it concurrently.
/// </summary>
public sealed class SyncCursor
{
    private long _position;

    public SyncCursor(long start) => _position = start;

    public long Position => Interlocked.Read(ref _position);

    /// <summary>Moves the cursor forward to <paramref name="candidate"/> if it is further along.</summary>
    public bool AdvanceTo(long candidate)
    {
        long current = Interlocked.Read(ref _position);
        while (candidate > current)
        {
            long seen = Interlocked.CompareExchange(ref _position, candidate, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }
}

public sealed class SeatInventorySyncAgent
{
    private readonly ISeatFeed _feed;
    private readonly SyncCursor _cursor;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Route, DateOnly Day), int> _seatsSold = new();

    public SeatInventorySyncAgent(ISeatFeed feed, SyncCursor cursor)
    {
        _feed = feed;
        _cursor = cursor;
    }

    public long Cursor => _cursor.Position;

    public int SeatsSold(string route, DateOnly day) => _seatsSold.TryGetValue((route, day), out var n) ? n : 0;

    public async Task SyncOnceAsync(int partitions, CancellationToken ct)
    {
        long from = _cursor.Position;
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions), ct, async (partition, token) =>
        {
            var changes = await _feed.ReadPartitionAsync(partition, from, token);
            foreach (var change in changes)
            {
                _seatsSold.AddOrUpdate((change.Route, change.Day), change.SeatsDelta, (_, n) => n + change.SeatsDelta);
                _cursor.AdvanceTo(change.Sequence);
            }
        });
    }

    public async Task RunAsync(int partitions, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        while (await timer.WaitForNextTickAsync(ct))
        {
            await SyncOnceAsync(partitions, ct);
        }
    }
}
