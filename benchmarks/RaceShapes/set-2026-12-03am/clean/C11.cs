using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace Blind39.PaperMill.Pulp;

/// <summary>A batch of pulp handed from the beater room to the recorder.</summary>
public sealed class PulpBatch
{
    public required string BatchId { get; init; }
    public required string Fibre { get; init; }
    public double Kilograms { get; init; }
    public double Freeness { get; init; }
    public DateTime? RecordedAtUtc { get; set; }
}

/// <summary>
/// Writes pulp batches to the mill's production log on a dedicated thread so the beater
/// controllers never wait for the disk.
/// </summary>
public sealed class PulpBatchRecorder : IDisposable
{
    private readonly BlockingCollection<PulpBatch> _queue = new(new ConcurrentQueue<PulpBatch>(), boundedCapacity: 200);
    private readonly TextWriter _log;
    private readonly Thread _writer;
    private long _written;

    public PulpBatchRecorder(TextWriter log)
    {
        _log = log;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "pulp-recorder" };
        _writer.Start();
    }

    public long Written => Interlocked.Read(ref _written);

    public void Record(PulpBatch batch) => _queue.Add(batch);

    private void WriteLoop()
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            batch.RecordedAtUtc = DateTime.UtcNow;
            _log.WriteLine($"{batch.RecordedAtUtc:O};{batch.BatchId};{batch.Fibre};{batch.Kilograms:F1};{batch.Freeness:F0}");
            Interlocked.Increment(ref _written);
        }
        _log.Flush();
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }
}

/// <summary>A beater-room controller emptying one beater.</summary>
public sealed class BeaterController
{
    private readonly PulpBatchRecorder _recorder;
    private readonly string _beater;
    private int _sequence;

    public BeaterController(PulpBatchRecorder recorder, string beater)
    {
        _recorder = recorder;
        _beater = beater;
    }

    /// <summary>Called by the beater's control loop when the beater is emptied.</summary>
    public void Discharge(string fibre, double kilograms, double freeness)
    {
        _sequence++;
        var batch = new PulpBatch
        {
            BatchId = $"{_beater}-{_sequence:D4}",
            Fibre = fibre,
            Kilograms = kilograms,
            Freeness = freeness,
        };
        _recorder.Record(batch);
    }
}
