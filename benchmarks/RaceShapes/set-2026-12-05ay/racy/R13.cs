namespace Blind51.RailSignalBoxes.Panel;

public enum SignalAspect
{
    Danger,
    Caution,
    PreliminaryCaution,
    Clear,
}

/// <summary>
/// One observation of a signal's aspect reported by the track-circuit interface.
/// </summary>
public readonly record struct AspectReading(int SignalId, SignalAspect Aspect, long Sequence, DateTime ObservedAtUtc, string RouteSet);

/// <summary>
/// Reads aspect telegrams from the interlocking's serial interface on a dedicated thread
/// and raises <see cref="AspectChanged"/> for each one.
/// </summary>
public sealed class TrackCircuitFeed : IDisposable
{
    private readonly Func<CancellationToken, AspectReading?> _readTelegram;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public TrackCircuitFeed(Func<CancellationToken, AspectReading?> readTelegram)
    {
        _readTelegram = readTelegram;
        _thread = new Thread(ReadLoop) { IsBackground = true, Name = "track-circuit-feed" };
    }

    public event EventHandler<AspectReading>? AspectChanged;

    public void Start() => _thread.Start();

    private void ReadLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var reading = _readTelegram(_stop.Token);
            if (reading is { } r)
                AspectChanged?.Invoke(this, r);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}

/// <summary>
/// The model behind one signal's lamp on the signal box panel. The panel's refresh timer
/// calls <see cref="Describe"/> several times a second to repaint the lamp and its caption.
/// </summary>
public sealed class SignalLampModel : IDisposable
{
    private readonly int _signalId;
    private readonly TrackCircuitFeed _feed;
    private readonly System.Threading.Timer _repaint;
    private readonly Action<string> _paint;
    private AspectReading _latest;

    public SignalLampModel(int signalId, TrackCircuitFeed feed, Action<string> paint)
    {
        _signalId = signalId;
        _feed = feed;
        _paint = paint;
        _latest = new AspectReading(signalId, SignalAspect.Danger, 0, DateTime.MinValue, "-");
        _feed.AspectChanged += OnAspectChanged;
        _repaint = new System.Threading.Timer(_ => _paint(Describe()), null, 0, 250);
    }

    private void OnAspectChanged(object? sender, AspectReading reading)
    {
        if (reading.SignalId != _signalId) return;
        if (reading.Sequence <= _latest.Sequence) return;
        _latest = reading;
    }

    public string Describe()
    {
        var reading = _latest;
        var age = DateTime.UtcNow - reading.ObservedAtUtc;
        var stale = age > TimeSpan.FromSeconds(10) ? " (stale)" : string.Empty;
        return $"S{reading.SignalId}: {reading.Aspect} via {reading.RouteSet} #{reading.Sequence}{stale}";
    }

    public void Dispose()
    {
        _feed.AspectChanged -= OnAspectChanged;
        _repaint.Dispose();
    }
}
