using System.Collections.Generic;
using System.IO;

namespace Blind65.LavenderFarms.Audit;

public sealed record HarvestAuditEntry(DateTimeOffset At, string Field, string Picker, double Kilograms);

/// <summary>
/// Buffers harvest audit entries and appends them to the daily audit file every
/// few seconds. One instance is shared by the weighing stations, each of which
/// calls <see cref="Write"/> from its scale-reader thread.
/// </summary>
public sealed class HarvestAuditSink : IAsyncDisposable
{
    private readonly string _directory;
    private readonly PeriodicTimer _flushTimer;
    private readonly Task _flushLoop;
    private readonly CancellationTokenSource _shutdown = new();
    private List<HarvestAuditEntry> _buffer = new();

    public HarvestAuditSink(string directory, TimeSpan flushInterval)
    {
        _directory = directory;
        _flushTimer = new PeriodicTimer(flushInterval);
        _flushLoop = Task.Run(FlushLoopAsync);
    }

    public void Write(HarvestAuditEntry entry)
    {
        lock (_buffer)
        {
            _buffer.Add(entry);
        }
    }

    private async Task FlushLoopAsync()
    {
        try
        {
            while (await _flushTimer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync().ConfigureAwait(false);
    }

    private async Task FlushAsync()
    {
        List<HarvestAuditEntry> pending;
        lock (_buffer)
        {
            if (_buffer.Count == 0)
            {
                return;
            }
            pending = _buffer;
            _buffer = new List<HarvestAuditEntry>();
        }

        var path = Path.Combine(_directory, $"harvest-{DateTime.UtcNow:yyyyMMdd}.log");
        var lines = new List<string>(pending.Count);
        foreach (var entry in pending)
        {
            lines.Add($"{entry.At:O}\t{entry.Field}\t{entry.Picker}\t{entry.Kilograms:F2}");
        }
        await File.AppendAllLinesAsync(path, lines).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _flushLoop.ConfigureAwait(false);
        _flushTimer.Dispose();
        _shutdown.Dispose();
    }
}
