namespace TidalPower.Gateway;

public readonly record struct BuoyReading(string BuoyId, double WaveHeightMetres, double CurrentKnots, DateTime At);

public interface IBuoyModem
{
    IReadOnlyList<BuoyReading> Poll();
}

/// <summary>
/// IoT gateway that polls the tidal-stream array's marker buoys over a slow
/// acoustic modem and keeps the latest reading per buoy for the turbine
/// controllers. Poll ticks that arrive while a poll is still running are skipped.
/// </summary>
public sealed class BuoyGateway : IDisposable
{
    private readonly object _sync = new();
    private readonly IBuoyModem _modem;
    private readonly System.Timers.Timer _timer;
    private readonly Dictionary<string, BuoyReading> _latest = new(StringComparer.Ordinal);
    private int _polling;
    private long _skippedTicks;
    private int _failures;

    public BuoyGateway(IBuoyModem modem, double intervalMs = 5000)
    {
        _modem = modem;
        _timer = new System.Timers.Timer(intervalMs) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            var readings = _modem.Poll();
            lock (_sync)
            {
                foreach (var reading in readings)
                {
                    if (!_latest.TryGetValue(reading.BuoyId, out var existing) || existing.At < reading.At)
                    {
                        _latest[reading.BuoyId] = reading;
                    }
                }
            }
        }
        catch (IOException)
        {
            lock (_sync)
            {
                _failures++;
            }
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public BuoyReading? Latest(string buoyId)
    {
        lock (_sync)
        {
            return _latest.TryGetValue(buoyId, out var reading) ? reading : null;
        }
    }

    public double MaxWaveHeight()
    {
        lock (_sync)
        {
            return _latest.Count == 0 ? 0 : _latest.Values.Max(r => r.WaveHeightMetres);
        }
    }

    public (long Skipped, int Failures) Health()
    {
        lock (_sync)
        {
            return (Interlocked.Read(ref _skippedTicks), _failures);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
