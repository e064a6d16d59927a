namespace Blind.C11;

public sealed record SensorReading(int SensorId, DateTime Timestamp, double Celsius, double Humidity);

/// <summary>
/// Produces synthetic sensor readings for soak tests of the ingestion pipeline.
/// </summary>
public sealed class SensorDataGenerator : IDisposable
{
    private readonly ThreadLocal<Random> _random;
    private readonly int _sensorCount;
    private readonly DateTime _start;
    private int _seed;

    public SensorDataGenerator(int baseSeed, int sensorCount, DateTime start)
    {
        _seed = baseSeed;
        _sensorCount = sensorCount;
        _start = start;
        _random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));
    }

    public SensorReading[] Generate(int count)
    {
        var readings = new SensorReading[count];

        Parallel.For(0, count, i =>
        {
            var random = _random.Value!;
            int sensor = random.Next(_sensorCount);
            double celsius = Math.Round(18 + random.NextDouble() * 10, 2);
            double humidity = Math.Round(30 + random.NextDouble() * 40, 1);
            var timestamp = _start.AddMilliseconds(i * 250L);

            readings[i] = new SensorReading(sensor, timestamp, celsius, humidity);
        });

        return readings;
    }

    /// <summary>
    /// Adds jitter to retry delays; callers from any thread share <see cref="Random.Shared"/>.
    /// </summary>
    public static TimeSpan WithJitter(TimeSpan delay, double factor = 0.2)
    {
        double jitter = (Random.Shared.NextDouble() * 2 - 1) * factor;
        return TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (1 + jitter));
    }

    public void Dispose() => _random.Dispose();
}
