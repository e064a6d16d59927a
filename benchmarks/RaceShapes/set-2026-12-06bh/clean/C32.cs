namespace Blind60.BellTower.Sensors;

public sealed record BellSensorReading(int Bell, double SwingAngleDegrees, double StrikeIntervalMs, bool Responded);

public interface IBellSensor
{
    int Bell { get; }
    Task<BellSensorReading> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Polls the rope-sight sensors on every bell in the tower before a practice so the
/// ringing master can see which bells are set and whether any sensor is silent.
/// </summary>
public sealed class BellSensorPoller
{
    private readonly IReadOnlyList<IBellSensor> _sensors;
    private readonly TimeSpan _perSensorTimeout;

    public BellSensorPoller(IReadOnlyList<IBellSensor> sensors, TimeSpan perSensorTimeout)
    {
        _sensors = sensors;
        _perSensorTimeout = perSensorTimeout;
    }

    public async Task<BellSensorReading[]> PollAllAsync(CancellationToken ct)
    {
        var readings = new BellSensorReading[_sensors.Count];
        var polls = new Task[_sensors.Count];

        for (int i = 0; i < _sensors.Count; i++)
        {
            int slot = i;
            polls[i] = Task.Run(async () => readings[slot] = await ReadWithTimeoutAsync(_sensors[slot], ct), ct);
        }

        await Task.WhenAll(polls);
        return readings;
    }

    private async Task<BellSensorReading> ReadWithTimeoutAsync(IBellSensor sensor, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = sensor.ReadAsync(timeoutCts.Token);
        var delay = Task.Delay(_perSensorTimeout, timeoutCts.Token);

        var winner = await Task.WhenAny(read, delay);
        timeoutCts.Cancel();

        if (winner == read && read.Status == TaskStatus.RanToCompletion)
        {
            return read.Result;
        }

        // Observe the abandoned read so its exception is not left unobserved.
        _ = read.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        ct.ThrowIfCancellationRequested();
        return new BellSensorReading(sensor.Bell, 0, 0, Responded: false);
    }
}
