using Microsoft.Extensions.Hosting;

namespace Blind53.WoolDyeing.VatLog;

public sealed record VatSample(string VatId, double TemperatureC, double Ph, DateTime TakenAtUtc);

public interface IVatSampleSink
{
    Task WriteAsync(IReadOnlyList<VatSample> samples, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the newest sample per dye vat and writes them out in batches. Registered as a
/// singleton; vat controllers call <see cref="Record"/> from their own polling threads.
/// </summary>
public sealed class WriteBehindVatLog
{
    private readonly object _gate = new();
    private readonly IVatSampleSink _sink;
    private Dictionary<string, VatSample> _pending = new(StringComparer.Ordinal);

    public WriteBehindVatLog(IVatSampleSink sink)
    {
        _sink = sink;
    }

    public void Record(VatSample sample)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(sample.VatId, out var existing) && existing.TakenAtUtc > sample.TakenAtUtc)
            {
                return;
            }

            _pending[sample.VatId] = sample;
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, VatSample> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            batch = _pending;
            _pending = new Dictionary<string, VatSample>(StringComparer.Ordinal);
        }

        var samples = batch.Values.OrderBy(s => s.VatId, StringComparer.Ordinal).ToList();
        await _sink.WriteAsync(samples, cancellationToken).ConfigureAwait(false);
        return samples.Count;
    }
}

public sealed class VatLogFlusher : BackgroundService
{
    private readonly WriteBehindVatLog _log;

    public VatLogFlusher(WriteBehindVatLog log)
    {
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await _log.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await _log.FlushAsync(CancellationToken.None);
    }
}
