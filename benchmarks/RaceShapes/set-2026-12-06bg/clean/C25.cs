namespace Blind59.CanalLocks.Flights;

public sealed record AckSummary(IReadOnlyList<string> Acknowledged, IReadOnlyList<string> Missing, bool TimedOut);

/// <summary>
/// Before a boat is worked through a flight of locks, every keeper on the flight must
/// confirm on their handset that their gates are shut. Acknowledgements arrive on the
/// handset gateway's threads; the flight controller awaits the outcome.
/// </summary>
public sealed class FlightAcknowledgement
{
    private readonly object _lock = new();
    private readonly HashSet<string> _expected;
    private readonly HashSet<string> _received = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource<AckSummary> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FlightAcknowledgement(IEnumerable<string> keepers)
    {
        _expected = new HashSet<string>(keepers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Called by the handset gateway when a keeper presses "gates shut".</summary>
    public void Acknowledge(string keeper)
    {
        AckSummary? complete = null;
        lock (_lock)
        {
            if (_expected.Contains(keeper) && _received.Add(keeper) && _received.Count == _expected.Count)
            {
                complete = Summarise(timedOut: false);
            }
        }

        if (complete is not null)
        {
            _outcome.TrySetResult(complete);
        }
    }

    public async Task<AckSummary> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);

        using (timeoutCts.Token.Register(OnTimeout))
        {
            return await _outcome.Task.ConfigureAwait(false);
        }
    }

    private void OnTimeout()
    {
        AckSummary summary;
        lock (_lock)
        {
            summary = Summarise(timedOut: true);
        }
        _outcome.TrySetResult(summary);
    }

    private AckSummary Summarise(bool timedOut) =>
        new(_received.OrderBy(k => k).ToList(), _expected.Except(_received).OrderBy(k => k).ToList(), timedOut);
}

/// <summary>
/// Works a boat up the flight once the keepers have confirmed.
/// </summary>
public sealed class FlightController
{
    private readonly Func<IEnumerable<string>, FlightAcknowledgement> _startRound;
    private readonly Action<string> _broadcast;

    public FlightController(Func<IEnumerable<string>, FlightAcknowledgement> startRound, Action<string> broadcast)
    {
        _startRound = startRound;
        _broadcast = broadcast;
    }

    public async Task<bool> PrepareFlightAsync(IReadOnlyList<string> keepers, CancellationToken ct)
    {
        var round = _startRound(keepers);
        _broadcast("Boat approaching bottom lock - confirm gates shut.");

        var summary = await round.WaitAsync(TimeSpan.FromMinutes(3), ct).ConfigureAwait(false);
        if (summary.TimedOut)
        {
            _broadcast($"No confirmation from {string.Join(", ", summary.Missing)} - holding boat.");
            return false;
        }

        _broadcast("All gates confirmed - filling bottom lock.");
        return true;
    }
}
