namespace DroneRacing.Broadcast;

public sealed record PilotTelemetry(string Pilot, double SpeedKmh, int BatteryPercent, int LastGate);

/// <summary>
/// Collects telemetry packets from the pilots' drones and pushes a leaderboard
/// overlay to the stream graphics every 250 ms.
/// </summary>
public sealed class OverlayPublisher : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, PilotTelemetry> _latest = new();
    private readonly Action<string> _sendToGraphics;
    private readonly Timer _timer;
    private int _publishing;
    private long _framesSent;

    public OverlayPublisher(Action<string> sendToGraphics)
    {
        _sendToGraphics = sendToGraphics;
        _timer = new Timer(OnTick, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Called from the UDP receive loop for every telemetry packet.</summary>
    public void Update(PilotTelemetry telemetry)
    {
        lock (_sync)
        {
            _latest[telemetry.Pilot] = telemetry;
        }
    }

    public long FramesSent => Interlocked.Read(ref _framesSent);

    private void OnTick(object? state)
    {
        if (Interlocked.Exchange(ref _publishing, 1) == 1)
        {
            return;
        }

        try
        {
            PilotTelemetry[] rows;
            lock (_sync)
            {
                rows = _latest.Values.ToArray();
            }

            var lines = rows
                .OrderByDescending(r => r.LastGate)
                .ThenByDescending(r => r.SpeedKmh)
                .Select((r, i) => $"{i + 1}. {r.Pilot} G{r.LastGate} {r.SpeedKmh:F0}km/h {r.BatteryPercent}%");
            _sendToGraphics(string.Join('\n', lines));
            Interlocked.Increment(ref _framesSent);
        }
        finally
        {
            Volatile.Write(ref _publishing, 0);
        }
    }

    public void ClearHeat()
    {
        lock (_sync)
        {
            _latest.Clear();
        }
    }

    public void Dispose() => _timer.Dispose();
}
