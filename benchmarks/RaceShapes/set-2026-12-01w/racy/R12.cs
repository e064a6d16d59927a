namespace Alpine.Lifts.Counting;

public readonly record struct ChairPass(int ChairNumber, int Riders, DateTimeOffset At);

public interface IChairSensor
{
    ValueTask<ChairPass?> WaitForNextChairAsync(CancellationToken ct);
}

/// <summary>
/// Counts riders on one lift for one operating session. When the lift operator stops
/// the session (through the cancellation token), any passes not yet flushed are
/// discarded so they are not double counted by the restart.
/// </summary>
public sealed class LiftCountingSession
{
    private readonly IChairSensor _sensor;
    private readonly List<ChairPass> _unflushed = new();
    private readonly Func<IReadOnlyList<ChairPass>, Task> _flush;
    private long _ridersThisSession;

    public LiftCountingSession(IChairSensor sensor, Func<IReadOnlyList<ChairPass>, Task> flush)
    {
        _sensor = sensor;
        _flush = flush;
    }

    public long RidersThisSession => Interlocked.Read(ref _ridersThisSession);

    public async Task RunAsync(CancellationToken stopToken)
    {
        using var registration = stopToken.Register(() =>
        {
            _unflushed.Clear();
        });

        while (!stopToken.IsCancellationRequested)
        {
            ChairPass? pass;
            try
            {
                pass = await _sensor.WaitForNextChairAsync(stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (pass is null)
            {
                continue;
            }

            _unflushed.Add(pass.Value);
            Interlocked.Add(ref _ridersThisSession, pass.Value.Riders);

            if (_unflushed.Count >= 25)
            {
                var batch = _unflushed.ToArray();
                _unflushed.Clear();
                await _flush(batch).ConfigureAwait(false);
            }
        }
    }
}
