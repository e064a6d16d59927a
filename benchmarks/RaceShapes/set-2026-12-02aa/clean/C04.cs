using System.Text;

namespace Blind27.PaperMills.Broke;

public readonly record struct BrokeEvent(DateTime AtUtc, string Section, double Kilograms, string Cause);

/// <summary>
/// Batches broke (rejected paper) events from the winder and calender sections and
/// writes them to the shift report file. Section PLC adapters call <see cref="Add"/>
/// from their own threads; a timer drains the pending batch.
/// </summary>
public sealed class BrokeReportWriter : IDisposable
{
    private readonly object _pendingLock = new();
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private readonly string _path;
    private readonly Timer _timer;
    private List<BrokeEvent> _pending = new();

    public BrokeReportWriter(string path, TimeSpan interval)
    {
        _path = path;
        _timer = new Timer(_ => _ = FlushAsync(), null, interval, interval);
    }

    public void Add(BrokeEvent e)
    {
        lock (_pendingLock)
        {
            _pending.Add(e);
        }
    }

    internal async Task FlushAsync()
    {
        List<BrokeEvent> batch;
        lock (_pendingLock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<BrokeEvent>();
        }

        var sb = new StringBuilder();
        foreach (var e in batch)
        {
            sb.Append(e.AtUtc.ToString("HH:mm:ss")).Append(',')
              .Append(e.Section).Append(',')
              .Append(e.Kilograms.ToString("F0")).Append(',')
              .AppendLine(e.Cause);
        }

        await _fileLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(_path, sb.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _fileLock.Release();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        FlushAsync().GetAwaiter().GetResult();
    }
}
