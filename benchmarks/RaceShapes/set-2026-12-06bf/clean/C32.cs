using System.Diagnostics;

namespace Blind58.HurlingTracing;

public sealed record FinishedSpan(string Name, string TraceId, TimeSpan Duration, IReadOnlyList<KeyValuePair<string, string>> Tags);

/// <summary>
/// A unit of work traced by the hurling club's fixtures API. Tags can be added from the
/// request and from its background continuations; the span may be ended by the request
/// pipeline and by a timeout, whichever happens first.
/// </summary>
public sealed class TraceSpan
{
    private readonly SpanProcessor _processor;
    private readonly object _tagLock = new();
    private readonly List<KeyValuePair<string, string>> _tags = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private int _ended;

    internal TraceSpan(SpanProcessor processor, string name, string traceId)
    {
        _processor = processor;
        Name = name;
        TraceId = traceId;
    }

    public string Name { get; }
    public string TraceId { get; }
    public bool IsEnded => Volatile.Read(ref _ended) == 1;

    public void SetTag(string key, string value)
    {
        lock (_tagLock)
        {
            if (_ended == 0) _tags.Add(new(key, value));
        }
    }

    public void End()
    {
        FinishedSpan finished;
        lock (_tagLock)
        {
            if (_ended == 1) return;
            Volatile.Write(ref _ended, 1);
            finished = new FinishedSpan(Name, TraceId, Stopwatch.GetElapsedTime(_startTimestamp), _tags.ToArray());
        }

        _processor.OnEnd(finished);
    }
}

/// <summary>
/// Batches finished spans and exports them every few seconds. One instance for the
/// application; spans end on whatever thread finishes the traced work.
/// </summary>
public sealed class SpanProcessor : IAsyncDisposable
{
    private readonly object _batchLock = new();
    private readonly Func<IReadOnlyList<FinishedSpan>, CancellationToken, Task> _export;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _exportLoop;
    private List<FinishedSpan> _batch = new();
    private long _exported;

    public SpanProcessor(Func<IReadOnlyList<FinishedSpan>, CancellationToken, Task> export, TimeSpan interval)
    {
        _export = export;
        _exportLoop = ExportLoopAsync(interval);
    }

    public long Exported => Interlocked.Read(ref _exported);

    public TraceSpan StartSpan(string name, string? traceId = null) =>
        new(this, name, traceId ?? Guid.NewGuid().ToString("N"));

    internal void OnEnd(FinishedSpan span)
    {
        lock (_batchLock) _batch.Add(span);
    }

    private async Task ExportLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await ExportPendingAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ExportPendingAsync(CancellationToken cancellationToken)
    {
        List<FinishedSpan> toExport;
        lock (_batchLock)
        {
            if (_batch.Count == 0) return;
            toExport = _batch;
            _batch = new List<FinishedSpan>();
        }

        await _export(toExport, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _exported, toExport.Count);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _exportLoop.ConfigureAwait(false);
        await ExportPendingAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }
}
