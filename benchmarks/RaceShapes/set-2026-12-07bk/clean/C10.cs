using System.Collections.Concurrent;

namespace Blind63.QuarryBlasting.Monitoring;

public sealed record VibrationReading(string Station, double PeakParticleVelocity, double AirOverpressureDb, DateTime At);

public interface ISeismograph
{
    VibrationReading Record(string blastId);
}

/// <summary>
/// Collects seismograph readings after each blast on a dedicated thread. The
/// planning-conditions report and the neighbour complaints API read
/// <see cref="LastReading"/>.
/// </summary>
public sealed class VibrationRecorder : IDisposable
{
    private readonly BlockingCollection<string> _blasts = new();
    private readonly ISeismograph _seismograph;
    private readonly Thread _worker;
    private VibrationReading? _lastReading;
    private int _exceedances;

    public VibrationRecorder(ISeismograph seismograph, double limitMmPerSecond)
    {
        _seismograph = seismograph;
        LimitMmPerSecond = limitMmPerSecond;
        _worker = new Thread(Run) { IsBackground = true, Name = "vibration-recorder" };
        _worker.Start();
    }

    public double LimitMmPerSecond { get; }

    public void BlastFired(string blastId) => _blasts.Add(blastId);

    public VibrationReading? LastReading => Volatile.Read(ref _lastReading);

    public int Exceedances => Volatile.Read(ref _exceedances);

    private void Run()
    {
        foreach (var blastId in _blasts.GetConsumingEnumerable())
        {
            var reading = _seismograph.Record(blastId);
            if (reading.PeakParticleVelocity > LimitMmPerSecond)
            {
                Interlocked.Increment(ref _exceedances);
            }
            Volatile.Write(ref _lastReading, reading);
        }
    }

    public void Dispose()
    {
        _blasts.CompleteAdding();
        _worker.Join();
        _blasts.Dispose();
    }
}
