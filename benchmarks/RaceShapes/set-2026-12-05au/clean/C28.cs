using System.Collections.Generic;
using Timer = System.Timers.Timer;

namespace Blind47.IceSculpture.Freezers;

public readonly record struct FreezerReading(string FreezerId, double Celsius, DateTime At);

public sealed record FreezerStatus(IReadOnlyDictionary<string, FreezerReading> Latest, IReadOnlyList<string> Alarms, DateTime SampledAt);

/// <summary>
/// Samples the block freezers in the sculpture tent on a one-shot timer that is
/// re-armed after each sample; the organisers' dashboard reads the latest status.
/// </summary>
public sealed class FreezerSampler : IDisposable
{
    private readonly Func<string, double> _readProbe;
    private readonly string[] _freezers;
    private readonly Timer _timer;
    private readonly Dictionary<string, int> _warmStreak = new();
    private FreezerStatus? _status;
    private int _started;

    public FreezerSampler(Func<string, double> readProbe, IEnumerable<string> freezers, TimeSpan interval)
    {
        _readProbe = readProbe;
        _freezers = freezers.ToArray();
        _timer = new Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += (_, _) => Sample();
    }

    public FreezerStatus? Status => Volatile.Read(ref _status);

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _timer.Start();
        }
    }

    private void Sample()
    {
        try
        {
            var latest = new Dictionary<string, FreezerReading>();
            var alarms = new List<string>();
            var now = DateTime.UtcNow;
            foreach (var id in _freezers)
            {
                var celsius = _readProbe(id);
                latest[id] = new FreezerReading(id, celsius, now);

                _warmStreak.TryGetValue(id, out var streak);
                streak = celsius > -12 ? streak + 1 : 0;
                _warmStreak[id] = streak;
                if (streak >= 3)
                {
                    alarms.Add($"{id} above -12 °C for {streak} samples");
                }
            }

            Volatile.Write(ref _status, new FreezerStatus(latest, alarms, now));
        }
        finally
        {
            try
            {
                _timer.Start();
            }
            catch (ObjectDisposedException)
            {
                // The tent is closing.
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
