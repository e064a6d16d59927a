namespace RadioPlayout.Clock;

public sealed record ScheduledItem(TimeOnly At, string Kind, string Title, TimeSpan Duration);

public sealed record AiredItem(ScheduledItem Item, DateTime AiredUtc, bool Late);

public interface IPlayoutDeck
{
    void Fire(ScheduledItem item);
}

/// <summary>
/// Fires jingles, ads and news bulletins at their scheduled times. The hour's running order
/// is loaded before the clock starts; the as-run log is handed back when the clock stops.
/// </summary>
public sealed class PlayoutClock
{
    private readonly IPlayoutDeck _deck;
    private readonly Queue<ScheduledItem> _runningOrder = new();
    private readonly List<AiredItem> _asRun = new();
    private CancellationTokenSource? _cts;
    private Task? _loop;

    public PlayoutClock(IPlayoutDeck deck) => _deck = deck;

    public void Load(IEnumerable<ScheduledItem> items)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("Stop the clock before loading a new running order.");
        }
        foreach (var item in items.OrderBy(i => i.At))
        {
            _runningOrder.Enqueue(item);
        }
    }

    public void Start(Func<TimeOnly> now)
    {
        _cts = new CancellationTokenSource();
        _loop = RunAsync(now, _cts.Token);
    }

    public async Task<IReadOnlyList<AiredItem>> StopAsync()
    {
        if (_cts is null || _loop is null)
        {
            return Array.Empty<AiredItem>();
        }

        _cts.Cancel();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _cts.Dispose();
        _cts = null;
        _loop = null;
        return _asRun.ToList();
    }

    private async Task RunAsync(Func<TimeOnly> now, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var current = now();
            while (_runningOrder.Count > 0 && _runningOrder.Peek().At <= current)
            {
                var item = _runningOrder.Dequeue();
                _deck.Fire(item);
                var late = (current - item.At) > TimeSpan.FromSeconds(1);
                _asRun.Add(new AiredItem(item, DateTime.UtcNow, late));
            }
        }
    }
}
