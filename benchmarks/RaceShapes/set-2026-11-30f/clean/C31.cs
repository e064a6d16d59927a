namespace Telemetry.Export;

public readonly record struct Measurement(string Name, double Value, DateTime TimestampUtc);

/// <summary>
/// Buffers measurements and ships them to the collector. Export is triggered
/// both by a timer and by the buffer filling up; if an export is already in
/// progress the trigger is simply skipped.
/// </summary>
public sealed class MeasurementExporter : IDisposable
{
    private const int FlushThreshold = 1_000;

    private readonly object _bufferLock = new();
    private readonly object _exportGate = new();
    private readonly Action<IReadOnlyList<Measurement>> _send;
    private readonly Timer _timer;
    private List<Measurement> _buffer = new();
    private DateTime _lastExportUtc;
    private int _exportCount;

    public MeasurementExporter(Action<IReadOnlyList<Measurement>> send, TimeSpan interval)
    {
        _send = send;
        _timer = new Timer(_ => TryExport(), null, interval, interval);
    }

    public void Record(string name, double value)
    {
        bool full;
        lock (_bufferLock)
        {
            _buffer.Add(new Measurement(name, value, DateTime.UtcNow));
            full = _buffer.Count >= FlushThreshold;
        }

        if (full)
        {
            TryExport();
        }
    }

    public bool TryExport()
    {
        if (!Monitor.TryEnter(_exportGate))
        {
            return false;
        }

        try
        {
            List<Measurement> batch;
            lock (_bufferLock)
            {
                batch = _buffer;
                _buffer = new List<Measurement>();
            }

            if (batch.Count > 0)
            {
                _send(batch);
            }

            _lastExportUtc = DateTime.UtcNow;
            _exportCount++;
            return true;
        }
        finally
        {
            Monitor.Exit(_exportGate);
        }
    }

    public (DateTime LastExportUtc, int Exports) GetStatus()
    {
        lock (_exportGate)
        {
            return (_lastExportUtc, _exportCount);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        TryExport();
    }
}
