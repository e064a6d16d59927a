namespace SkiResort.LiftGates;

public sealed record GateInterval(string Lift, int Gate, int Scans, DateTime EndedUtc);

/// <summary>
/// Counts RFID pass scans at the turnstiles of one chairlift and publishes a
/// per-gate count to the lift operations board every 30 seconds.
/// </summary>
public sealed class LiftGateCounter : IDisposable
{
    private readonly string _lift;
    private readonly int[] _scans;
    private readonly Timer _flushTimer;
    private readonly Action<IReadOnlyList<GateInterval>> _publish;
    private long _lifetimeScans;

    public LiftGateCounter(string lift, int gateCount, Action<IReadOnlyList<GateInterval>> publish)
    {
        _lift = lift;
        _scans = new int[gateCount];
        _publish = publish;
        _flushTimer = new Timer(_ => Flush(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public long LifetimeScans => Interlocked.Read(ref _lifetimeScans);

    /// <summary>
    /// Called by the turnstile driver callback for each valid pass scan.
    /// </summary>
    public void OnPassScanned(int gate, string passId)
    {
        if ((uint)gate >= (uint)_scans.Length)
        {
            return;
        }
        Interlocked.Increment(ref _scans[gate]);
        Interlocked.Increment(ref _lifetimeScans);
    }

    private void Flush()
    {
        var now = DateTime.UtcNow;
        var intervals = new List<GateInterval>(_scans.Length);
        for (int gate = 0; gate < _scans.Length; gate++)
        {
            var count = _scans[gate];
            _scans[gate] = 0;
            intervals.Add(new GateInterval(_lift, gate, count, now));
        }
        _publish(intervals);
    }

    public void Dispose() => _flushTimer.Dispose();
}

/// <summary>
/// Wraps the vendor turnstile SDK, which invokes its callback on the SDK's
/// own I/O threads (one per turnstile).
/// </summary>
public sealed class TurnstileDriver
{
    private readonly LiftGateCounter _counter;

    public TurnstileDriver(LiftGateCounter counter) => _counter = counter;

    public void Attach(int gate, Action<Action<string>> subscribe)
    {
        subscribe(passId =>
        {
            if (!string.IsNullOrEmpty(passId))
            {
                _counter.OnPassScanned(gate, passId);
            }
        });
    }
}
