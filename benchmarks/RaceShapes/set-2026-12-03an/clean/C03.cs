using System.Diagnostics;

namespace Blind40.Beekeepers.Apiary;

public readonly record struct FrameInspection(string HiveId, int Frame, int BroodCells, bool QueenSeen, DateTimeOffset At);

public interface IInspectionExporter
{
    Task ExportAsync(IReadOnlyList<FrameInspection> batch, CancellationToken ct);
}

/// <summary>
/// Buffers frame inspections logged by beekeepers' handhelds and uploads them
/// to the apiary records in batches. Handheld sync threads call
/// <see cref="Add"/>; a periodic loop ships whatever has accumulated.
/// </summary>
public sealed class InspectionBatcher : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly IInspectionExporter _exporter;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private List<FrameInspection> _buffer = new();
    private long _dropped;

    public InspectionBatcher(IInspectionExporter exporter, TimeSpan interval, int maxBatch = 500)
    {
        _exporter = exporter;
        _maxBatch = maxBatch;
        _loop = Task.Run(() => LoopAsync(interval, _stop.Token));
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(FrameInspection inspection)
    {
        lock (_lock)
        {
            if (_buffer.Count >= _maxBatch * 4)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            _buffer.Add(inspection);
        }
    }

    private async Task LoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        List<FrameInspection> batch;
        lock (_lock)
        {
            if (_buffer.Count == 0)
            {
                return;
            }
            batch = _buffer;
            _buffer = new List<FrameInspection>(Math.Min(batch.Count, _maxBatch));
        }

        foreach (var chunk in batch.Chunk(_maxBatch))
        {
            try
            {
                await _exporter.ExportAsync(chunk, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Trace.TraceWarning($"Inspection upload failed: {ex.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }
}
