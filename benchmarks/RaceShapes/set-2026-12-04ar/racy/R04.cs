namespace Blind44.PearlFarm.Telemetry;

public readonly record struct WaterReading(string RaftId, DateTime TakenUtc, double TempC, double Salinity, double Oxygen);

public interface IReadingSink
{
    Task SendAsync(IReadOnlyList<WaterReading> batch, CancellationToken ct);
}

/// <summary>
/// Batches water-quality readings from the oyster rafts and ships them to the lab.
/// Buoy listeners call <see cref="Add"/> from their receive threads; a timer flushes every few seconds.
/// </summary>
public sealed class WaterQualityShipper : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly IReadingSink _sink;
    private readonly Timer _flushTimer;
    private List<WaterReading> _batch = new(MaxBatch);
    private long _shipped;

    public WaterQualityShipper(IReadingSink sink)
    {
        _sink = sink;
        _flushTimer = new Timer(_ => _ = FlushAsync(CancellationToken.None), null,
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public long Shipped => Interlocked.Read(ref _shipped);

    public void Add(WaterReading reading)
    {
        bool full;
        lock (_batch)
        {
            _batch.Add(reading);
            full = _batch.Count >= MaxBatch;
        }

        if (full)
            _ = FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        List<WaterReading> toSend;
        lock (_batch)
        {
            if (_batch.Count == 0)
                return;
            toSend = _batch;
            _batch = new List<WaterReading>(MaxBatch);
        }

        try
        {
            await _sink.SendAsync(toSend, ct);
            Interlocked.Add(ref _shipped, toSend.Count);
        }
        catch (Exception)
        {
            // The lab endpoint is flaky over the satellite link; readings are re-sent by the buoys.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync();
        await FlushAsync(CancellationToken.None);
    }
}
