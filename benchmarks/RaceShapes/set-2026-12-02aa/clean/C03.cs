namespace Blind27.Orchards.Pumps;

public sealed class PumpStationOfflineException : Exception
{
    public PumpStationOfflineException() : base("Pump station calls are suspended.") { }
}

/// <summary>
/// Circuit breaker for calls to the borehole pump stations. Shared by every irrigation
/// job running on the farm server.
/// </summary>
public sealed class PumpStationBreaker
{
    private sealed record BreakerState(int Failures, DateTime? OpenedAtUtc);

    private static readonly BreakerState Healthy = new(0, null);

    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private BreakerState _state = Healthy;

    public PumpStationBreaker(int threshold, TimeSpan coolDown)
    {
        _threshold = threshold;
        _coolDown = coolDown;
    }

    public bool IsOpen
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return state.OpenedAtUtc is { } opened && DateTime.UtcNow - opened < _coolDown;
        }
    }

    public async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct)
    {
        if (IsOpen)
        {
            throw new PumpStationOfflineException();
        }

        try
        {
            await call(ct).ConfigureAwait(false);
            Volatile.Write(ref _state, Healthy);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            RecordFailure();
            throw;
        }
    }

    private void RecordFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var failures = current.Failures + 1;
            var next = failures >= _threshold
                ? new BreakerState(failures, DateTime.UtcNow)
                : new BreakerState(failures, current.OpenedAtUtc);

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
            {
                return;
            }
        }
    }

    public int ConsecutiveFailures => Volatile.Read(ref _state).Failures;
}

/// <summary>Starts and stops the borehole pumps for scheduled irrigation runs.</summary>
public sealed class BoreholeIrrigationJob
{
    private readonly PumpStationBreaker _breaker;
    private readonly Func<string, CancellationToken, Task> _startPump;

    public BoreholeIrrigationJob(PumpStationBreaker breaker, Func<string, CancellationToken, Task> startPump)
    {
        _breaker = breaker;
        _startPump = startPump;
    }

    public Task StartAsync(string stationId, CancellationToken ct) =>
        _breaker.RunAsync(token => _startPump(stationId, token), ct);
}
