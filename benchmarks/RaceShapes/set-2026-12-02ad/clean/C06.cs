using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind30.ObservatoryDome;

public sealed record DomePosition(double AzimuthDegrees, bool ShutterOpen, DateTime UpdatedUtc);

public interface IDomeDrive
{
    Task<double> ReadAzimuthAsync(CancellationToken ct);
    Task<bool> ReadShutterAsync(CancellationToken ct);
    Task SlewToAsync(double azimuth, CancellationToken ct);
}

/// <summary>
/// Keeps the observatory dome aligned with the telescope. The telescope control API
/// queues slew targets and reads <see cref="Current"/>; the hosted loop owns the drive.
/// </summary>
public sealed class DomeSyncService : BackgroundService
{
    private readonly IDomeDrive _drive;
    private readonly Channel<double> _targets = Channel.CreateBounded<double>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private DomePosition _current = new(0, false, DateTime.MinValue);

    public DomeSyncService(IDomeDrive drive)
    {
        _drive = drive;
    }

    public DomePosition Current => Volatile.Read(ref _current);

    public bool RequestAzimuth(double azimuth) => _targets.Writer.TryWrite(((azimuth % 360) + 360) % 360);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        double? target = null;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            while (_targets.Reader.TryRead(out var requested))
            {
                target = requested;
            }

            double azimuth = await _drive.ReadAzimuthAsync(stoppingToken);
            bool shutter = await _drive.ReadShutterAsync(stoppingToken);
            Volatile.Write(ref _current, new DomePosition(azimuth, shutter, DateTime.UtcNow));

            if (target is double t && AngularDistance(azimuth, t) > 1.5)
            {
                await _drive.SlewToAsync(t, stoppingToken);
            }
            else
            {
                target = null;
            }
        }
    }

    private static double AngularDistance(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
