using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.ViolinMaking.Tapping;

/// <summary>
/// Buffer holding one tap-tone recording of a violin plate.
/// </summary>
public sealed class TapRecording
{
    public TapRecording(int capacity) => Samples = new float[capacity];

    public float[] Samples { get; }

    public int Length { get; set; }
}

/// <summary>
/// Pool of tap-tone recording buffers shared by all the workshop's benches.
/// A rented buffer is wrapped in a lease that hands it back exactly once.
/// </summary>
public sealed class TapRecordingPool
{
    private readonly ConcurrentBag<TapRecording> _free = new();
    private readonly int _capacity;

    public TapRecordingPool(int capacity) => _capacity = capacity;

    public Lease Rent() => new(this, _free.TryTake(out var r) ? r : new TapRecording(_capacity));

    private void Return(TapRecording recording)
    {
        recording.Length = 0;
        _free.Add(recording);
    }

    public sealed class Lease : IDisposable
    {
        private readonly TapRecordingPool _pool;
        private int _returned;

        internal Lease(TapRecordingPool pool, TapRecording recording)
        {
            _pool = pool;
            Recording = recording;
        }

        public TapRecording Recording { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                _pool.Return(Recording);
            }
        }
    }
}

public interface ITapMicrophone
{
    Task<int> RecordAsync(Memory<float> destination, CancellationToken ct);
}

public interface IPlateAnalysisService
{
    Task<double> FindModeFiveHzAsync(ReadOnlyMemory<float> samples, CancellationToken ct);
}

/// <summary>
/// Records a tap on a top or back plate and finds its mode-5 frequency.
/// </summary>
public sealed class PlateTuningBench
{
    private readonly TapRecordingPool _pool;
    private readonly ITapMicrophone _mic;
    private readonly IPlateAnalysisService _analysis;

    public PlateTuningBench(TapRecordingPool pool, ITapMicrophone mic, IPlateAnalysisService analysis)
    {
        _pool = pool;
        _mic = mic;
        _analysis = analysis;
    }

    public async Task<double> MeasureAsync(CancellationToken ct)
    {
        using var lease = _pool.Rent();
        var recording = lease.Recording;
        recording.Length = await _mic.RecordAsync(recording.Samples, ct).ConfigureAwait(false);

        var analysis = Task.Run(() => _analysis.FindModeFiveHzAsync(recording.Samples.AsMemory(0, recording.Length), ct), ct);
        return await analysis.ConfigureAwait(false);
    }
}
