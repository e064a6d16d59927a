using Microsoft.Extensions.Hosting;

namespace Blind50.Orchard.Irrigation;

/// <summary>
/// Accumulates water drawn through each orchard block's flow meter. Meter pulses arrive on
/// the sensor gateway's callback threads; once a day the usage is reported to the water
/// board and the counters start again from zero.
/// </summary>
public sealed class BlockWaterMeter
{
    private long _millilitres;
    private long _pulses;

    public BlockWaterMeter(string blockName) => BlockName = blockName;

    public string BlockName { get; }

    /// <summary>Called for every pulse batch reported by the gateway.</summary>
    public void OnPulses(int pulseCount, int millilitresPerPulse)
    {
        Interlocked.Add(ref _millilitres, (long)pulseCount * millilitresPerPulse);
        Interlocked.Add(ref _pulses, pulseCount);
    }

    public double LitresSoFar => Interlocked.Read(ref _millilitres) / 1000.0;

    /// <summary>Returns the usage since the last reset and starts a new day.</summary>
    public (double Litres, long Pulses) TakeDailyUsage()
    {
        var millilitres = _millilitres;
        _millilitres = 0;
        var pulses = Interlocked.Exchange(ref _pulses, 0);
        return (millilitres / 1000.0, pulses);
    }
}

/// <summary>Sends each block's daily usage to the water board at midnight.</summary>
public sealed class DailyWaterReport : BackgroundService
{
    private readonly IReadOnlyList<BlockWaterMeter> _meters;
    private readonly Func<string, double, long, CancellationToken, Task> _submit;

    public DailyWaterReport(IReadOnlyList<BlockWaterMeter> meters, Func<string, double, long, CancellationToken, Task> submit)
    {
        _meters = meters;
        _submit = submit;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = DateTime.Now;
            var midnight = now.Date.AddDays(1);
            await Task.Delay(midnight - now, stoppingToken);

            foreach (var meter in _meters)
            {
                var (litres, pulses) = meter.TakeDailyUsage();
                try
                {
                    await _submit(meter.BlockName, litres, pulses, stoppingToken);
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"Water board rejected {meter.BlockName}: {ex.Message}");
                }
            }
        }
    }
}

/// <summary>Receives pulse notifications from the field gateway.</summary>
public sealed class FlowGatewayListener
{
    private readonly Dictionary<string, BlockWaterMeter> _meters;

    public FlowGatewayListener(IEnumerable<BlockWaterMeter> meters) =>
        _meters = meters.ToDictionary(m => m.BlockName);

    public void OnGatewayMessage(string blockName, int pulses)
    {
        if (_meters.TryGetValue(blockName, out var meter))
        {
            meter.OnPulses(pulses, millilitresPerPulse: 250);
        }
    }
}
