namespace Blind37.Falconry.Display;

public sealed class BirdLandedEventArgs : EventArgs
{
    public BirdLandedEventArgs(string bird, string perch, DateTime landedUtc)
    {
        Bird = bird;
        Perch = perch;
        LandedUtc = landedUtc;
    }

    public string Bird { get; }
    public string Perch { get; }
    public DateTime LandedUtc { get; }
}

public interface ITelemetryReceiver
{
    Task<(string Bird, string Perch)?> WaitForLandingAsync(CancellationToken cancellationToken);
}

/// <summary>Listens to the birds' telemetry tags and raises an event whenever one lands on a perch.</summary>
public sealed class TelemetryPoller : IDisposable
{
    private readonly ITelemetryReceiver _receiver;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public TelemetryPoller(ITelemetryReceiver receiver) => _receiver = receiver;

    public event EventHandler<BirdLandedEventArgs>? BirdLanded;

    public void Start() => _loop = Task.Run(() => PollAsync(_stopping.Token));

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var landing = await _receiver.WaitForLandingAsync(cancellationToken).ConfigureAwait(false);
            if (landing is { } l)
            {
                BirdLanded?.Invoke(this, new BirdLandedEventArgs(l.Bird, l.Perch, DateTime.UtcNow));
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stopping.Dispose();
    }
}

/// <summary>
/// Drives the flying-display board beside the arena: keeps a log of landings and
/// refreshes the board every couple of seconds.
/// </summary>
public sealed class FlyingDisplayBoard : IDisposable
{
    private readonly List<string> _landings = new();
    private readonly System.Timers.Timer _refresh;
    private readonly Action<string> _show;

    public FlyingDisplayBoard(TelemetryPoller poller, Action<string> show)
    {
        _show = show;
        poller.BirdLanded += OnBirdLanded;
        _refresh = new System.Timers.Timer(2000) { AutoReset = true };
        _refresh.Elapsed += (_, _) => Refresh();
        _refresh.Start();
    }

    private void OnBirdLanded(object? sender, BirdLandedEventArgs e)
    {
        _landings.Add($"{e.LandedUtc:HH:mm:ss} {e.Bird} -> {e.Perch}");
    }

    private void Refresh()
    {
        var recent = _landings.Skip(Math.Max(0, _landings.Count - 6)).ToArray();
        _show(recent.Length == 0 ? "Awaiting first flight" : string.Join(Environment.NewLine, recent));
    }

    public void Dispose() => _refresh.Dispose();
}

public static class FlyingDisplay
{
    public static (TelemetryPoller Poller, FlyingDisplayBoard Board) Start(ITelemetryReceiver receiver, Action<string> show)
    {
        var poller = new TelemetryPoller(receiver);
        var board = new FlyingDisplayBoard(poller, show);
        poller.Start();
        return (poller, board);
    }
}
