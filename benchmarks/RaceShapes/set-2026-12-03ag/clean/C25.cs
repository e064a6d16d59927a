using System.Collections.Concurrent;

namespace Fairground.Ride;

public abstract record RideCommand;
public sealed record SetSpeed(double RevolutionsPerMinute) : RideCommand;
public sealed record EmergencyStop : RideCommand;
public sealed record Resume : RideCommand;

public sealed record WheelSnapshot(long Tick, double AngleDegrees, double Rpm, bool Stopped);

/// <summary>
/// Simulation loop for the ferris wheel's control panel. Operators and the
/// wind sensor queue commands from any thread; the tick thread alone owns the
/// wheel state and publishes an immutable snapshot after every tick.
/// </summary>
public sealed class WheelSimulation : IDisposable
{
    private readonly ConcurrentQueue<RideCommand> _commands = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // Owned by the tick loop.
    private double _angle;
    private double _rpm;
    private double _targetRpm = 1.0;
    private bool _stopped;
    private long _tick;

    private WheelSnapshot _snapshot = new(0, 0, 0, false);

    public WheelSimulation()
    {
        _loop = Task.Run(() => TickLoopAsync(_stop.Token));
    }

    public void Post(RideCommand command) => _commands.Enqueue(command);

    public WheelSnapshot Snapshot => Volatile.Read(ref _snapshot);

    private async Task TickLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                while (_commands.TryDequeue(out var command))
                {
                    switch (command)
                    {
                        case SetSpeed s: _targetRpm = Math.Clamp(s.RevolutionsPerMinute, 0, 2.5); break;
                        case EmergencyStop: _stopped = true; break;
                        case Resume: _stopped = false; break;
                    }
                }

                double target = _stopped ? 0 : _targetRpm;
                _rpm += Math.Clamp(target - _rpm, -0.05, 0.05);
                _angle = (_angle + _rpm * 360.0 / 60.0 * 0.05) % 360.0;
                _tick++;

                Volatile.Write(ref _snapshot, new WheelSnapshot(_tick, _angle, _rpm, _stopped));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        _stop.Dispose();
    }
}
