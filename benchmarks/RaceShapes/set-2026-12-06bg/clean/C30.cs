using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind59.Curling.IcePlant;

public interface IBrineLoop
{
    double ReadIceSurfaceCelsius();
    double ReadBrineReturnCelsius();
    void SetCompressorDuty(double fraction);
}

/// <summary>
/// Controls the rink's ice plant. The control loop runs every five seconds; the ice
/// technician can nudge the target surface temperature from the office PC or the
/// phone app at any time.
/// </summary>
public sealed class IcePlantController : BackgroundService
{
    private const double MinTarget = -8.0;
    private const double MaxTarget = -3.0;

    private readonly IBrineLoop _brine;
    private readonly ILogger<IcePlantController> _logger;
    private double _targetCelsius = -5.5;
    private double _lastSurfaceCelsius = double.NaN;
    private long _cycles;

    public IcePlantController(IBrineLoop brine, ILogger<IcePlantController> logger)
    {
        _brine = brine;
        _logger = logger;
    }

    public double TargetCelsius => Volatile.Read(ref _targetCelsius);
    public double LastSurfaceCelsius => Volatile.Read(ref _lastSurfaceCelsius);
    public long Cycles => Interlocked.Read(ref _cycles);

    /// <summary>Adjusts the target by a small step, clamped to the safe range. Returns the new target.</summary>
    public double Nudge(double deltaCelsius)
    {
        while (true)
        {
            double current = Volatile.Read(ref _targetCelsius);
            double proposed = Math.Clamp(current + deltaCelsius, MinTarget, MaxTarget);
            if (Interlocked.CompareExchange(ref _targetCelsius, proposed, current) == current)
            {
                return proposed;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        double integral = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            double surface = _brine.ReadIceSurfaceCelsius();
            double brineReturn = _brine.ReadBrineReturnCelsius();
            double target = Volatile.Read(ref _targetCelsius);

            double error = surface - target;
            integral = Math.Clamp(integral + error * 5, -200, 200);
            double duty = Math.Clamp(0.4 * error + 0.004 * integral, 0, 1);

            if (brineReturn < target - 6)
            {
                // Brine is far colder than the ice needs; back off to protect the slab.
                duty = Math.Min(duty, 0.3);
            }

            _brine.SetCompressorDuty(duty);
            Volatile.Write(ref _lastSurfaceCelsius, surface);
            Interlocked.Increment(ref _cycles);

            if (Math.Abs(error) > 1.5)
            {
                _logger.LogWarning("Ice surface {Surface:F1} °C, target {Target:F1} °C, duty {Duty:P0}", surface, target, duty);
            }
        }
    }
}

public static class IceTechnicianEndpoints
{
    public static object Status(IcePlantController plant) => new
    {
        target = plant.TargetCelsius,
        surface = plant.LastSurfaceCelsius,
        cycles = plant.Cycles,
    };

    public static double Warmer(IcePlantController plant) => plant.Nudge(+0.1);
    public static double Colder(IcePlantController plant) => plant.Nudge(-0.1);
}
