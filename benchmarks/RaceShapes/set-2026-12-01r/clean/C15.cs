using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recycling.Jams;

/// <summary>
/// Counts jam stops on one sorter belt. Jam interrupts arrive from the PLC driver's
/// I/O threads; the reporter takes and resets the interval count once a minute.
/// </summary>
public sealed class BeltJamCounter
{
    private int _jamsThisInterval;
    private long _jamsTotal;

    public void OnJamDetected()
    {
        Interlocked.Increment(ref _jamsThisInterval);
        Interlocked.Increment(ref _jamsTotal);
    }

    public int TakeInterval() => Interlocked.Exchange(ref _jamsThisInterval, 0);

    public long Total => Interlocked.Read(ref _jamsTotal);
}

/// <summary>
/// Publishes jam counts to the plant historian.
/// </summary>
public sealed class JamReporter : BackgroundService
{
    private readonly IReadOnlyDictionary<string, BeltJamCounter> _belts;
    private readonly ILogger<JamReporter> _logger;

    public JamReporter(IReadOnlyDictionary<string, BeltJamCounter> belts, ILogger<JamReporter> logger)
    {
        _belts = belts;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (belt, counter) in _belts)
            {
                var jams = counter.TakeInterval();
                if (jams > 3)
                {
                    _logger.LogWarning("Belt {Belt} jammed {Jams} times in the last minute", belt, jams);
                }
                else
                {
                    _logger.LogDebug("Belt {Belt}: {Jams} jams, {Total} total", belt, jams, counter.Total);
                }
            }
        }
    }
}

/// <summary>
/// Adapter for the PLC driver callbacks.
/// </summary>
public sealed class PlcJamListener
{
    private readonly BeltJamCounter _counter;

    public PlcJamListener(BeltJamCounter counter) => _counter = counter;

    public void OnInputChanged(int address, bool value)
    {
        const int JamSensorAddress = 0x41;
        if (address == JamSensorAddress && value)
        {
            _counter.OnJamDetected();
        }
    }
}
