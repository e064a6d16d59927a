using System.Collections.Immutable;

namespace Blind61.HarbourPilots.Tides;

public sealed record TideWindow(DateTimeOffset Opens, DateTimeOffset Closes, double MinDepthMetres);

/// <summary>
/// Tidal windows per berth, used by the pilot booking service to decide when deep-draught
/// vessels can come in. Singleton; bookings read it on request threads while the tide
/// table importer and the harbour master's console update berths.
/// </summary>
public sealed class BerthTideWindows
{
    private ImmutableDictionary<string, ImmutableList<TideWindow>> _windows =
        ImmutableDictionary.Create<string, ImmutableList<TideWindow>>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<TideWindow> For(string berth)
    {
        var snapshot = Volatile.Read(ref _windows);
        return snapshot.TryGetValue(berth, out var list) ? list : ImmutableList<TideWindow>.Empty;
    }

    public void AddWindow(string berth, TideWindow window)
    {
        while (true)
        {
            var original = Volatile.Read(ref _windows);
            var list = original.TryGetValue(berth, out var existing) ? existing : ImmutableList<TideWindow>.Empty;
            var updated = original.SetItem(berth, list.Add(window).Sort((a, b) => a.Opens.CompareTo(b.Opens)));
            if (Interlocked.CompareExchange(ref _windows, updated, original) == original)
                return;
        }
    }

    /// <summary>Drops windows that closed before the given time.</summary>
    public int Compact(DateTimeOffset before)
    {
        while (true)
        {
            var original = Volatile.Read(ref _windows);
            var builder = original.ToBuilder();
            var dropped = 0;
            foreach (var (berth, list) in original)
            {
                var kept = list.RemoveAll(w => w.Closes < before);
                dropped += list.Count - kept.Count;
                if (kept.IsEmpty)
                    builder.Remove(berth);
                else
                    builder[berth] = kept;
            }

            if (dropped == 0)
                return 0;
            if (Interlocked.CompareExchange(ref _windows, builder.ToImmutable(), original) == original)
                return dropped;
        }
    }

    public DateTimeOffset? NextOpening(string berth, double draughtMetres, DateTimeOffset after)
    {
        foreach (var w in For(berth))
        {
            if (w.Closes > after && w.MinDepthMetres >= draughtMetres + 1.0)
                return w.Opens > after ? w.Opens : after;
        }
        return null;
    }
}

/// <summary>Hourly background compaction of expired windows.</summary>
public sealed class TideWindowCompactor : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly BerthTideWindows _windows;
    private readonly TimeProvider _clock;

    public TideWindowCompactor(BerthTideWindows windows, TimeProvider clock)
    {
        _windows = windows;
        _clock = clock;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            _windows.Compact(_clock.GetUtcNow());
    }
}
