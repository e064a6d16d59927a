using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Observatory.Dome;

public enum ShutterState { Closed, Opening, Open, Closing, Fault }

public enum DomeCommand { Open, Close, EmergencyClose }

public sealed record DomeStatus(ShutterState Shutter, double WindKph, bool RainSensorWet, DateTimeOffset UpdatedAt);

public interface IShutterDrive
{
    ShutterState ReadState();
    void Drive(bool open);
    void Stop();
}

public interface IWeatherMast
{
    (double WindKph, bool Wet) Read();
}

/// <summary>
/// Dome shutter supervisor. The observers' control panel and the scheduler post commands
/// with <see cref="Post"/> and read <see cref="Status"/>; only the polling loop touches
/// the drive hardware.
/// </summary>
public sealed class ShutterSupervisor : BackgroundService
{
    private readonly ConcurrentQueue<DomeCommand> _commands = new();
    private readonly IShutterDrive _drive;
    private readonly IWeatherMast _mast;
    private readonly double _maxWindKph;
    private DomeStatus _status = new(ShutterState.Closed, 0, false, DateTimeOffset.MinValue);

    public ShutterSupervisor(IShutterDrive drive, IWeatherMast mast, double maxWindKph = 45)
    {
        _drive = drive;
        _mast = mast;
        _maxWindKph = maxWindKph;
    }

    public DomeStatus Status => Volatile.Read(ref _status);

    public void Post(DomeCommand command) => _commands.Enqueue(command);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        bool wantOpen = false;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            while (_commands.TryDequeue(out var command))
            {
                wantOpen = command == DomeCommand.Open;
                if (command == DomeCommand.EmergencyClose)
                    _drive.Stop();
            }

            var (wind, wet) = _mast.Read();
            if (wet || wind > _maxWindKph)
                wantOpen = false;

            var state = _drive.ReadState();
            if (wantOpen && state is ShutterState.Closed)
                _drive.Drive(open: true);
            else if (!wantOpen && state is ShutterState.Open or ShutterState.Opening)
                _drive.Drive(open: false);

            Volatile.Write(ref _status, new DomeStatus(state, wind, wet, DateTimeOffset.UtcNow));
        }
    }
}
