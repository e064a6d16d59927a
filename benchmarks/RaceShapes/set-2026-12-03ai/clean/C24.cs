namespace Blind35.PigeonRacing.Arrivals;

public sealed record Arrival(string RingNumber, string LoftId, DateTime ClockedAt);

public interface ILoftClock
{
    /// <summary>Raised on the clock's USB polling thread when a bird crosses the landing pad.</summary>
    event Action<Arrival> BirdClocked;
}

/// <summary>
/// Waits for a specific bird to be clocked at its loft, with a closing time after which the
/// bird is recorded as not arrived.
/// </summary>
public sealed class ArrivalWatcher
{
    private readonly ILoftClock _clock;

    public ArrivalWatcher(ILoftClock clock) => _clock = clock;

    public async Task<Arrival?> WaitForAsync(string ringNumber, TimeSpan untilClose, CancellationToken ct)
    {
        var arrived = new TaskCompletionSource<Arrival>(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnClocked(Arrival a)
        {
            if (a.RingNumber == ringNumber)
            {
                arrived.TrySetResult(a);
            }
        }

        _clock.BirdClocked += OnClocked;
        try
        {
            using var closeCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var closing = Task.Delay(untilClose, closeCts.Token);
            var winner = await Task.WhenAny(arrived.Task, closing).ConfigureAwait(false);
            closeCts.Cancel();

            if (winner == arrived.Task)
            {
                return await arrived.Task.ConfigureAwait(false);
            }

            ct.ThrowIfCancellationRequested();
            return null;
        }
        finally
        {
            _clock.BirdClocked -= OnClocked;
        }
    }
}

public sealed class LoftRaceDay
{
    private readonly ArrivalWatcher _watcher;

    public LoftRaceDay(ArrivalWatcher watcher) => _watcher = watcher;

    public async Task<IReadOnlyList<(string Ring, DateTime? At)>> WatchTeamAsync(
        IReadOnlyList<string> rings, TimeSpan untilClose, CancellationToken ct)
    {
        var waits = rings.Select(async ring =>
        {
            var arrival = await _watcher.WaitForAsync(ring, untilClose, ct).ConfigureAwait(false);
            return (ring, arrival?.ClockedAt);
        });

        return await Task.WhenAll(waits).ConfigureAwait(false);
    }
}
