namespace Blind.C33;

public readonly record struct TraceSpan(string TraceId, string SpanId, string Name, DateTime StartUtc, TimeSpan Duration);

/// <summary>
/// Span exporter that buffers finished spans and writes them to a file from a
/// dedicated exporter thread. <see cref="OnEnd"/> is called by application threads.
/// </summary>
public sealed class FileSpanExporter : IDisposable
{
    private const int BatchSize = 512;

    private readonly object _sync = new();
    private readonly string _path;
    private readonly Thread _exportThread;
    private readonly AutoResetEvent _wakeUp = new(false);
    private List<TraceSpan> _buffer = new();
    private volatile bool _stopping;

    public FileSpanExporter(string path)
    {
        _path = path;
        _exportThread = new Thread(ExportLoop) { IsBackground = true, Name = "span-exporter" };
        _exportThread.Start();
    }

    public void OnEnd(TraceSpan span)
    {
        bool full;
        lock (_sync)
        {
            _buffer.Add(span);
            full = _buffer.Count >= BatchSize;
        }

        if (full)
        {
            _wakeUp.Set();
        }
    }

    private void ExportLoop()
    {
        while (!_stopping)
        {
            _wakeUp.WaitOne(TimeSpan.FromSeconds(1));
            Export();
        }

        Export();
    }

    private void Export()
    {
        List<TraceSpan> batch;
        lock (_sync)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            batch = _buffer;
            _buffer = new List<TraceSpan>(BatchSize);
        }

        using var writer = new StreamWriter(_path, append: true);
        foreach (var span in batch)
        {
            writer.WriteLine($"{span.TraceId},{span.SpanId},{span.Name},{span.StartUtc:O},{span.Duration.TotalMilliseconds:0.###}");
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wakeUp.Set();
        _exportThread.Join();
        _wakeUp.Dispose();
    }
}
