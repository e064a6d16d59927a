using Microsoft.Extensions.Hosting;

namespace Blind22.KiteFestival.WindLogging;

public sealed record GustReading(DateTimeOffset At, double KnotsAverage, double KnotsGust);

public interface IAnemometer
{
    GustReading Read();
}

/// <summary>
/// Samples the field anemometer every second and keeps a count of readings above the
/// safe flying limit so the marshals can ground the large display kites.
/// </summary>
public sealed class WindLimitWatcher : IHostedService, IDisposable
{
    private readonly IAnemometer _anemometer;
    private readonly double _limitKnots;
    private Timer? _timer;
    private int _overLimitCount;
    private GustReading? _latest;

    public WindLimitWatcher(IAnemometer anemometer, double limitKnots = 22)
    {
        _anemometer = anemometer;
        _limitKnots = limitKnots;
    }

    public int OverLimitCount => Volatile.Read(ref _overLimitCount);

    public GustReading? Latest => Volatile.Read(ref _latest);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(Sample, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    private void Sample(object? state)
    {
        var reading = _anemometer.Read();
        Volatile.Write(ref _latest, reading);
        if (reading.KnotsGust > _limitKnots)
        {
            _overLimitCount = _overLimitCount + 1;
        }
    }

    /// <summary>
    /// Called from the marshal's tablet when the field is cleared and flying resumes.
    /// </summary>
    public int AcknowledgeAndReset()
    {
        var seen = Volatile.Read(ref _overLimitCount);
        Volatile.Write(ref _overLimitCount, 0);
        return seen;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
