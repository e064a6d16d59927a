using System.Collections.Concurrent;

namespace Blind36.Carillon.Strikes;

public sealed record BellWear(int Strikes, double HammerEnergyJoules, DateTime LastStruck);

/// <summary>
/// Tracks clapper and hammer wear per bell. The playing console, the automatic chime
/// clock and the practice keyboard all report strikes concurrently.
/// </summary>
public sealed class BellWearLog
{
    private readonly ConcurrentDictionary<int, BellWear> _wear = new();
    private long _totalStrikes;

    public long TotalStrikes => Interlocked.Read(ref _totalStrikes);

    public void RecordStrike(int bell, double velocity, double clapperKg)
    {
        double energy = 0.5 * clapperKg * velocity * velocity;
        var now = DateTime.UtcNow;

        _wear.AddOrUpdate(
            bell,
            _ => new BellWear(1, energy, now),
            (_, w) => new BellWear(w.Strikes + 1, w.HammerEnergyJoules + energy, now));

        Interlocked.Increment(ref _totalStrikes);
    }

    public BellWear? For(int bell) => _wear.TryGetValue(bell, out var w) ? w : null;

    /// <summary>Bells that have taken more than the given energy since the last service.</summary>
    public IReadOnlyList<int> DueForService(double joules) =>
        _wear.Where(p => p.Value.HammerEnergyJoules > joules).Select(p => p.Key).OrderBy(b => b).ToList();

    public void Serviced(int bell)
    {
        _wear.AddOrUpdate(
            bell,
            _ => new BellWear(0, 0, DateTime.MinValue),
            (_, w) => w with { HammerEnergyJoules = 0 });
    }
}

/// <summary>Plays the quarter chimes on the hour; runs alongside live recitals.</summary>
public sealed class ChimeClock : IAsyncDisposable
{
    private readonly BellWearLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private static readonly int[] Westminster = { 4, 3, 2, 1, 1, 3, 4, 2, 2, 4, 3, 1, 1, 3, 4, 2 };

    public ChimeClock(BellWearLog log, TimeSpan period)
    {
        _log = log;
        _loop = RunAsync(period, _stop.Token);
    }

    private async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var bell in Westminster)
                    _log.RecordStrike(bell, 2.4, 18);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
