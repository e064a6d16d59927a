namespace DroneRacing.Timing;

public sealed class GateCrossedEventArgs : EventArgs
{
    public GateCrossedEventArgs(string droneId, int gate, TimeSpan raceClock)
    {
        DroneId = droneId;
        Gate = gate;
        RaceClock = raceClock;
    }

    public string DroneId { get; }
    public int Gate { get; }
    public TimeSpan RaceClock { get; }
}

/// <summary>
/// Reads the IR transponder receivers. The finish arch has one receiver per
/// antenna, and each receiver is serviced by its own reader task which raises
/// <see cref="GateCrossed"/> from that task.
/// </summary>
public sealed class GateReceiverHub
{
    public event EventHandler<GateCrossedEventArgs>? GateCrossed;

    public IReadOnlyList<Task> Start(IReadOnlyList<Func<CancellationToken, Task<GateCrossedEventArgs?>>> receivers, CancellationToken ct)
    {
        return receivers.Select(read => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var crossing = await read(ct);
                if (crossing is null)
                {
                    break;
                }
                GateCrossed?.Invoke(this, crossing);
            }
        }, ct)).ToList();
    }
}

public sealed record LapRecord(string DroneId, double Seconds);

/// <summary>
/// Tracks each pilot's lap and the fastest lap of the heat.
/// </summary>
public sealed class LapTimer
{
    private readonly int _finishGate;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> _lapStart = new();
    private LapRecord? _fastest;

    public LapTimer(GateReceiverHub hub, int finishGate)
    {
        _finishGate = finishGate;
        hub.GateCrossed += OnGateCrossed;
    }

    public LapRecord? FastestLap => _fastest;

    private void OnGateCrossed(object? sender, GateCrossedEventArgs e)
    {
        if (e.Gate != _finishGate)
        {
            return;
        }

        if (_lapStart.TryGetValue(e.DroneId, out var start))
        {
            var lap = (e.RaceClock - start).TotalSeconds;
            var best = _fastest;
            if (best is null || lap < best.Seconds)
            {
                _fastest = new LapRecord(e.DroneId, lap);
            }
        }

        _lapStart[e.DroneId] = e.RaceClock;
    }
}
