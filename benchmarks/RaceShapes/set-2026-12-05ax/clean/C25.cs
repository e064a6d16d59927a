using System.Threading.Channels;

namespace Blind50.FireLookout.Sightings;

public sealed record SmokeSighting(string TowerId, double BearingDegrees, DateTime SeenUtc);

/// <summary>
/// Reads the tower's smoke-detection camera on a worker thread and raises
/// <see cref="SmokeDetected"/> from that thread for each new sighting.
/// </summary>
public sealed class SmokeCameraMonitor
{
    private readonly string _towerId;
    private readonly Func<double?> _pollCamera;
    private Thread? _thread;
    private volatile bool _stopping;

    public SmokeCameraMonitor(string towerId, Func<double?> pollCamera)
    {
        _towerId = towerId;
        _pollCamera = pollCamera;
    }

    public event EventHandler<SmokeSighting>? SmokeDetected;

    public void Start()
    {
        _thread = new Thread(PollLoop) { IsBackground = true, Name = $"camera-{_towerId}" };
        _thread.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _thread?.Join();
    }

    private void PollLoop()
    {
        while (!_stopping)
        {
            if (_pollCamera() is { } bearing)
            {
                SmokeDetected?.Invoke(this, new SmokeSighting(_towerId, bearing, DateTime.UtcNow));
            }

            Thread.Sleep(500);
        }
    }
}

/// <summary>
/// Collects sightings from all towers in the district. Each camera's event arrives on that
/// camera's own thread; sightings are queued and a single reader forwards them to dispatch.
/// </summary>
public sealed class DistrictSightingRelay
{
    private readonly Channel<SmokeSighting> _queue = Channel.CreateUnbounded<SmokeSighting>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<SmokeSighting, Task> _sendToDispatch;
    private int _received;

    public DistrictSightingRelay(Func<SmokeSighting, Task> sendToDispatch) => _sendToDispatch = sendToDispatch;

    public int Received => Volatile.Read(ref _received);

    public void Attach(SmokeCameraMonitor monitor) => monitor.SmokeDetected += OnSmokeDetected;

    private async void OnSmokeDetected(object? sender, SmokeSighting sighting)
    {
        try
        {
            Interlocked.Increment(ref _received);
            await _queue.Writer.WriteAsync(sighting);
        }
        catch (ChannelClosedException)
        {
            // Relay has been shut down for the season.
        }
    }

    public async Task ForwardAsync(CancellationToken cancellationToken)
    {
        await foreach (var sighting in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            await _sendToDispatch(sighting);
        }
    }

    public void Shutdown() => _queue.Writer.TryComplete();
}

/// <summary>Brings the district's camera monitoring up at the start of the fire season.</summary>
public static class DistrictStartup
{
    public static DistrictSightingRelay StartAll(IEnumerable<SmokeCameraMonitor> monitors, Func<SmokeSighting, Task> sendToDispatch)
    {
        var relay = new DistrictSightingRelay(sendToDispatch);
        var all = monitors.ToList();
        foreach (var monitor in all)
        {
            relay.Attach(monitor);
        }

        foreach (var monitor in all)
        {
            monitor.Start();
        }

        return relay;
    }
}
