namespace TaxiMeter.Surge;

/// <summary>
/// Surge multipliers per zone, replaced as a whole on every refresh.
/// </summary>
public sealed class SurgeTable
{
    public static readonly SurgeTable Flat = new(new Dictionary<string, decimal>(), DateTimeOffset.MinValue);

    private readonly IReadOnlyDictionary<string, decimal> _multipliers;

    public SurgeTable(IReadOnlyDictionary<string, decimal> multipliers, DateTimeOffset fetchedAt)
    {
        _multipliers = multipliers;
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }

    public decimal For(string zone) => _multipliers.TryGetValue(zone, out var m) ? Math.Clamp(m, 1m, 3m) : 1m;
}

public interface ISurgeFeed
{
    IReadOnlyDictionary<string, decimal> Fetch();
}

/// <summary>
/// Keeps the fleet's surge table fresh. The meters of every cab connected to the
/// dispatch gateway call <see cref="Quote"/> concurrently; a timer refreshes the table.
/// </summary>
public sealed class SurgePricing : IDisposable
{
    private readonly ISurgeFeed _feed;
    private readonly Timer _timer;
    private SurgeTable _table = SurgeTable.Flat;
    private int _refreshing;

    public SurgePricing(ISurgeFeed feed, TimeSpan interval)
    {
        _feed = feed;
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, interval);
    }

    public decimal Quote(string zone, decimal baseFare)
    {
        var table = Volatile.Read(ref _table);
        return Math.Round(baseFare * table.For(zone), 2);
    }

    public DateTimeOffset LastRefreshed => Volatile.Read(ref _table).FetchedAt;

    private void Refresh()
    {
        // A slow feed can make callbacks overlap; skip the tick if one is still running.
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
            return;

        try
        {
            var multipliers = _feed.Fetch();
            var table = new SurgeTable(new Dictionary<string, decimal>(multipliers, StringComparer.OrdinalIgnoreCase),
                DateTimeOffset.UtcNow);
            Volatile.Write(ref _table, table);
        }
        catch (Exception)
        {
            // Keep the previous table; the next tick will try again.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
