using System.Collections.Concurrent;

namespace Blind54.ElevatorMaintenance.Heartbeats;

public sealed record Heartbeat(string CarId, DateTime ReceivedUtc, int Floor, bool DoorFault);

public sealed class CarSilentEventArgs : EventArgs
{
    public CarSilentEventArgs(string carId, DateTime lastSeenUtc)
    {
        CarId = carId;
        LastSeenUtc = lastSeenUtc;
    }

    public string CarId { get; }
    public DateTime LastSeenUtc { get; }
}

/// <summary>
/// Tracks the heartbeat of every elevator car under a maintenance contract. Controllers post
/// heartbeats through the gateway on many threads; a periodic sweep raises
/// <see cref="CarSilent"/> from a pool thread for cars that stopped reporting.
/// </summary>
public sealed class ElevatorHeartbeatMonitor : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Heartbeat> _latest = new();
    private readonly TimeSpan _silenceLimit;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sweepLoop;

    public ElevatorHeartbeatMonitor(TimeSpan silenceLimit)
    {
        _silenceLimit = silenceLimit;
        _sweepLoop = Task.Run(() => SweepLoopAsync(_stop.Token));
    }

    public event EventHandler<CarSilentEventArgs>? CarSilent;

    public void Record(string carId, int floor, bool doorFault) =>
        _latest[carId] = new Heartbeat(carId, DateTime.UtcNow, floor, doorFault);

    public Heartbeat? LastFor(string carId) => _latest.TryGetValue(carId, out var hb) ? hb : null;

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = DateTime.UtcNow;
                foreach (var pair in _latest)
                {
                    if (now - pair.Value.ReceivedUtc < _silenceLimit)
                    {
                        continue;
                    }

                    if (_latest.TryRemove(pair))
                    {
                        CarSilent?.Invoke(this, new CarSilentEventArgs(pair.Key, pair.Value.ReceivedUtc));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sweepLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>Counts outages per shift for the engineer on call.</summary>
public sealed class OutageTally
{
    private int _outages;

    public OutageTally(ElevatorHeartbeatMonitor monitor) => monitor.CarSilent += (_, _) => Interlocked.Increment(ref _outages);

    public int Outages => Volatile.Read(ref _outages);

    public int TakeAndReset() => Interlocked.Exchange(ref _outages, 0);
}
