namespace Blind24.AvalancheBeacons;

public readonly record struct BeaconPing(string BeaconId, double Latitude, double Longitude, int SignalStrength, DateTime ReceivedUtc);

/// <summary>
/// Collects pings from rescue receivers in the field. Receiver connections call
/// <see cref="Add"/> from their own socket threads; the uplink pump calls
/// <see cref="Drain"/> every few seconds to forward a batch to the coordination centre.
/// </summary>
public sealed class BeaconPingBuffer
{
    private List<BeaconPing> _pending = new();
    private int _highWater;

    public void Add(BeaconPing ping)
    {
        lock (_pending)
        {
            _pending.Add(ping);
            if (_pending.Count > _highWater)
            {
                _highWater = _pending.Count;
            }
        }
    }

    public IReadOnlyList<BeaconPing> Drain()
    {
        List<BeaconPing> drained;
        lock (_pending)
        {
            drained = _pending;
            _pending = new List<BeaconPing>(Math.Max(16, drained.Count));
        }

        return drained;
    }
}

/// <summary>Forwards drained batches to the coordination centre on a fixed cadence.</summary>
public sealed class UplinkPump : IAsyncDisposable
{
    private readonly BeaconPingBuffer _buffer;
    private readonly Func<IReadOnlyList<BeaconPing>, CancellationToken, Task> _send;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    public UplinkPump(BeaconPingBuffer buffer, Func<IReadOnlyList<BeaconPing>, CancellationToken, Task> send)
    {
        _buffer = buffer;
        _send = send;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                var batch = _buffer.Drain();
                if (batch.Count == 0)
                {
                    continue;
                }

                var strongest = batch
                    .GroupBy(p => p.BeaconId)
                    .Select(g => g.OrderByDescending(p => p.SignalStrength).First())
                    .ToList();
                await _send(strongest, _cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        await _loop;
        _cts.Dispose();
    }
}
