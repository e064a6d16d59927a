using System.Text;

namespace Blind27.PaperMills.Telemetry;

public readonly record struct ReelMeasurement(string ReelId, DateTime TakenAt, double BasisWeightGsm, double MoisturePercent);

/// <summary>
/// Collects basis-weight and moisture readings from the scanners on the paper machine
/// and appends them to the quality log in batches. Scanner callbacks call
/// <see cref="Record"/> from their own threads; a timer flushes whatever has accumulated.
/// </summary>
public sealed class ReelMeasurementWriter : IDisposable
{
    private readonly object _sync = new();
    private readonly object _writeLock = new();
    private readonly TextWriter _sink;
    private readonly int _batchSize;
    private readonly Timer _flushTimer;
    private List<ReelMeasurement> _pending;

    public ReelMeasurementWriter(TextWriter sink, int batchSize, TimeSpan flushInterval)
    {
        _sink = sink;
        _batchSize = batchSize;
        _pending = new List<ReelMeasurement>(batchSize);
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public void Record(ReelMeasurement measurement)
    {
        bool full;
        lock (_sync)
        {
            _pending.Add(measurement);
            full = _pending.Count >= _batchSize;
        }

        if (full)
        {
            ThreadPool.QueueUserWorkItem(_ => Flush());
        }
    }

    internal void Flush()
    {
        var batch = _pending;
        if (batch.Count == 0)
        {
            return;
        }

        _pending = new List<ReelMeasurement>(_batchSize);

        var text = new StringBuilder();
        foreach (var m in batch)
        {
            text.Append(m.ReelId).Append(';')
                .Append(m.TakenAt.ToString("O")).Append(';')
                .Append(m.BasisWeightGsm.ToString("F1")).Append(';')
                .Append(m.MoisturePercent.ToString("F2")).AppendLine();
        }

        lock (_writeLock)
        {
            _sink.Write(text.ToString());
            _sink.Flush();
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}

/// <summary>Adapter that receives frames from one cross-direction scanner head.</summary>
public sealed class ScannerHeadListener
{
    private readonly ReelMeasurementWriter _writer;
    private readonly string _reelId;

    public ScannerHeadListener(ReelMeasurementWriter writer, string reelId)
    {
        _writer = writer;
        _reelId = reelId;
    }

    public void OnFrame(double gsm, double moisture) =>
        _writer.Record(new ReelMeasurement(_reelId, DateTime.UtcNow, gsm, moisture));
}
