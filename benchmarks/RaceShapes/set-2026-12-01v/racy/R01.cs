using System.Collections.Concurrent;

namespace Blind22.Seismograph.Buffering;

/// <summary>
/// A single ground-motion sample from one seismometer channel.
/// </summary>
public readonly record struct TremorSample(string StationCode, DateTimeOffset Timestamp, double VelocityMicrons);

/// <summary>
/// Holds the most recent samples for an array of stations. Acquisition threads call
/// <see cref="Append"/>; the dashboard refresh timer calls <see cref="TakeSnapshot"/>.
/// </summary>
public sealed class TremorRingBuffer
{
    private readonly object _gate = new();
    private readonly List<TremorSample> _samples = new();
    private readonly int _capacity;

    public TremorRingBuffer(int capacity)
    {
        _capacity = capacity;
    }

    public void Append(TremorSample sample)
    {
        lock (_gate)
        {
            if (_samples.Count >= _capacity)
            {
                _samples.RemoveAt(0);
            }
            _samples.Add(sample);
        }
    }

    public IReadOnlyList<TremorSample> TakeSnapshot()
    {
        // Copy so the caller can render without holding anything up.
        var copy = new List<TremorSample>(_samples.Count);
        foreach (var s in _samples)
        {
            copy.Add(s);
        }
        return copy;
    }

    public double PeakVelocity()
    {
        lock (_gate)
        {
            return _samples.Count == 0 ? 0 : _samples.Max(s => Math.Abs(s.VelocityMicrons));
        }
    }
}

/// <summary>
/// Polls the digitizers on the crater rim and pushes samples into the buffer, while a
/// separate timer redraws the helicorder view.
/// </summary>
public sealed class SeismographArrayMonitor : IDisposable
{
    private readonly TremorRingBuffer _buffer = new(4096);
    private readonly ConcurrentDictionary<string, Task> _pollers = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly Timer _redrawTimer;

    public event Action<IReadOnlyList<TremorSample>>? Redraw;

    public SeismographArrayMonitor()
    {
        _redrawTimer = new Timer(_ => Redraw?.Invoke(_buffer.TakeSnapshot()), null, 500, 500);
    }

    public void StartStation(string stationCode, Func<CancellationToken, Task<double>> readDigitizer)
    {
        _pollers.GetOrAdd(stationCode, code => Task.Run(async () =>
        {
            while (!_cts.IsCancellationRequested)
            {
                var velocity = await readDigitizer(_cts.Token).ConfigureAwait(false);
                _buffer.Append(new TremorSample(code, DateTimeOffset.UtcNow, velocity));
            }
        }));
    }

    public double CurrentPeak() => _buffer.PeakVelocity();

    public void Dispose()
    {
        _cts.Cancel();
        _redrawTimer.Dispose();
        _cts.Dispose();
    }
}
