namespace Blind32.FireLookout.Dispatch;

public sealed record SmokeReport(string Tower, double BearingDegrees, double EstimatedKm, DateTimeOffset SeenAt);

/// <summary>
/// Hub that fans smoke reports from the lookout towers out to dispatch consoles.
/// Consoles subscribe when they connect and unsubscribe when they disconnect;
/// connections are handled on request threads, so subscriptions can change
/// at any time while reports are being published.
/// </summary>
public sealed class SmokeReportHub
{
    private EventHandler<SmokeReport>? _reported;
    private long _published;

    public event EventHandler<SmokeReport>? Reported
    {
        add { _reported += value; }
        remove { _reported -= value; }
    }

    public long Published => Interlocked.Read(ref _published);

    public void Publish(SmokeReport report)
    {
        Interlocked.Increment(ref _published);
        var handlers = _reported;
        handlers?.Invoke(this, report);
    }
}

/// <summary>A connected dispatch console that keeps the reports it received.</summary>
public sealed class DispatchConsole : IDisposable
{
    private readonly SmokeReportHub _hub;
    private readonly List<SmokeReport> _received = new();

    public DispatchConsole(string district, SmokeReportHub hub)
    {
        District = district;
        _hub = hub;
        _hub.Reported += OnReported;
    }

    public string District { get; }

    public IReadOnlyList<SmokeReport> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    private void OnReported(object? sender, SmokeReport report)
    {
        lock (_received)
        {
            _received.Add(report);
        }
    }

    public void Dispose() => _hub.Reported -= OnReported;
}

/// <summary>Accepts console connections coming in from the dispatch centre.</summary>
public sealed class ConsoleConnectionListener
{
    private readonly SmokeReportHub _hub;

    public ConsoleConnectionListener(SmokeReportHub hub) => _hub = hub;

    public Task<DispatchConsole[]> ConnectAllAsync(IEnumerable<string> districts) =>
        Task.WhenAll(districts.Select(d => Task.Run(() => new DispatchConsole(d, _hub))));
}
