using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind57.VintageRally.Telemetry;

public sealed record StageTime(string CarNumber, string Stage, TimeSpan Elapsed, DateTimeOffset RecordedAt);

public interface IResultsSink
{
    Task PostAsync(IReadOnlyList<StageTime> batch, CancellationToken ct);
}

/// <summary>
/// Buffers stage times coming in from marshals' handsets at each control point of the vintage car
/// rally and posts them to the results service in batches, either when a batch fills or on a timer.
/// </summary>
public sealed class StageTimeBatcher : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly IResultsSink _sink;
    private readonly int _maxBatch;
    private readonly Timer _timer;
    private List<StageTime> _buffer;
    private bool _closed;

    public StageTimeBatcher(IResultsSink sink, int maxBatch, TimeSpan interval)
    {
        _sink = sink;
        _maxBatch = maxBatch;
        _buffer = new List<StageTime>(maxBatch);
        _timer = new Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    public void Add(StageTime time)
    {
        List<StageTime>? full = null;
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(nameof(StageTimeBatcher));
            _buffer.Add(time);
            if (_buffer.Count >= _maxBatch)
            {
                full = TakeBuffer();
            }
        }

        if (full is not null)
        {
            _ = SendAsync(full);
        }
    }

    private List<StageTime> TakeBuffer()
    {
        var taken = _buffer;
        _buffer = new List<StageTime>(_maxBatch);
        return taken;
    }

    private async void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        List<StageTime> batch;
        lock (_gate)
        {
            if (_buffer.Count == 0) return;
            batch = TakeBuffer();
        }

        await SendAsync(batch);
    }

    private async Task SendAsync(List<StageTime> batch)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _sink.PostAsync(batch, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Rally HQ is on a mobile link; the marshals' handsets keep their own copies.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Stop();
        _timer.Dispose();

        List<StageTime> rest;
        lock (_gate)
        {
            _closed = true;
            rest = TakeBuffer();
        }

        if (rest.Count > 0)
        {
            await SendAsync(rest);
        }
    }
}
