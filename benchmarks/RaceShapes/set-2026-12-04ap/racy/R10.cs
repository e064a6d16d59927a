namespace Blind42.SkiPatrol.Beacons;

public interface IBeaconReceiver
{
    Task<IReadOnlyList<string>> ScanAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Polls the avalanche-beacon receivers at the top station and records which transceivers
/// are currently in range. The dispatcher console calls <see cref="Restart"/> after the receiver
/// is power-cycled.
/// </summary>
public sealed class BeaconMonitor : IDisposable
{
    private readonly IBeaconReceiver _receiver;
    private readonly TimeSpan _interval;
    private readonly Action<IReadOnlyList<string>> _onScan;
    private CancellationTokenSource _cts = new();
    private Task _loop = Task.CompletedTask;

    public BeaconMonitor(IBeaconReceiver receiver, TimeSpan interval, Action<IReadOnlyList<string>> onScan)
    {
        _receiver = receiver;
        _interval = interval;
        _onScan = onScan;
    }

    public void Start()
    {
        _loop = Task.Run(PollAsync);
    }

    private async Task PollAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            try
            {
                var inRange = await _receiver.ScanAsync(_cts.Token).ConfigureAwait(false);
                _onScan(inRange);
                await Task.Delay(_interval, _cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
    }

    public void Restart()
    {
        _cts.Cancel();
        _cts.Dispose();
        _cts = new CancellationTokenSource();
        Start();
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}

/// <summary>Keeps the "last seen" board for the patrol hut.</summary>
public sealed class LastSeenBoard
{
    private readonly object _lock = new();
    private readonly Dictionary<string, DateTime> _lastSeen = new();

    public void Update(IReadOnlyList<string> transceivers)
    {
        lock (_lock)
        {
            foreach (var id in transceivers)
            {
                _lastSeen[id] = DateTime.UtcNow;
            }
        }
    }

    public IReadOnlyDictionary<string, DateTime> Snapshot()
    {
        lock (_lock) return new Dictionary<string, DateTime>(_lastSeen);
    }
}
