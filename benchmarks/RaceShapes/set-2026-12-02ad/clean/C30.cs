namespace Blind30.IceSculpture;

public sealed record MeltSnapshot(DateTime TakenUtc, IReadOnlyDictionary<string, double> MillimetresPerHour);

/// <summary>
/// Measures how fast each sculpture at the festival is melting from the laser height
/// gauges. Gauge reads can take longer than the timer interval, so overlapping ticks
/// are skipped. The festival's web page reads <see cref="Latest"/>.
/// </summary>
public sealed class MeltWatch : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly Func<IReadOnlyDictionary<string, double>> _readHeightsMm;
    private readonly Dictionary<string, (DateTime At, double HeightMm)> _previous = new();
    private MeltSnapshot _latest = new(DateTime.MinValue, new Dictionary<string, double>());
    private int _running;

    public MeltWatch(Func<IReadOnlyDictionary<string, double>> readHeightsMm, TimeSpan interval)
    {
        _readHeightsMm = readHeightsMm;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    public MeltSnapshot Latest => Volatile.Read(ref _latest);

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            var heights = _readHeightsMm();
            var rates = new Dictionary<string, double>();

            foreach (var (sculpture, height) in heights)
            {
                if (_previous.TryGetValue(sculpture, out var before))
                {
                    double hours = (now - before.At).TotalHours;
                    if (hours > 0)
                    {
                        rates[sculpture] = (before.HeightMm - height) / hours;
                    }
                }

                _previous[sculpture] = (now, height);
            }

            Volatile.Write(ref _latest, new MeltSnapshot(now, rates));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public IEnumerable<string> Warnings(double limitMmPerHour) =>
        Latest.MillimetresPerHour
            .Where(kv => kv.Value > limitMmPerHour)
            .Select(kv => $"{kv.Key} is losing {kv.Value:F1} mm/h");

    public void Dispose()
    {
        _timer.Stop();
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}
