using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind8.Simulation.Arena;

public readonly record struct Vec2(float X, float Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Vec2 operator *(Vec2 a, float s) => new(a.X * s, a.Y * s);
}

public abstract record PlayerCommand(int PlayerId);
public sealed record MoveCommand(int PlayerId, Vec2 Direction) : PlayerCommand(PlayerId);
public sealed record SpawnCommand(int PlayerId, Vec2 At) : PlayerCommand(PlayerId);
public sealed record LeaveCommand(int PlayerId) : PlayerCommand(PlayerId);

public sealed record WorldSnapshot(long Tick, IReadOnlyDictionary<int, Vec2> Positions);

/// <summary>
/// Authoritative game-server loop. Network threads submit player commands;
/// the tick thread owns all world state and publishes an immutable snapshot
/// after every tick for the broadcaster to send out.
/// </summary>
public sealed class ArenaServerLoop
{
    private const float Speed = 6f;
    private readonly ConcurrentQueue<PlayerCommand> _inbox = new();
    private readonly Dictionary<int, Vec2> _positions = new();
    private readonly Dictionary<int, Vec2> _velocities = new();
    private readonly CancellationTokenSource _stop = new();
    private WorldSnapshot _latest = new(0, new Dictionary<int, Vec2>());
    private long _tick;

    public WorldSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>Called from socket receive callbacks.</summary>
    public void Submit(PlayerCommand command) => _inbox.Enqueue(command);

    public Thread Start(int ticksPerSecond = 30)
    {
        var thread = new Thread(() => Run(ticksPerSecond, _stop.Token)) { IsBackground = true, Name = "arena-tick" };
        thread.Start();
        return thread;
    }

    public void Stop() => _stop.Cancel();

    private void Run(int ticksPerSecond, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(1.0 / ticksPerSecond);
        var clock = Stopwatch.StartNew();
        var next = clock.Elapsed;

        while (!ct.IsCancellationRequested)
        {
            DrainCommands();
            Integrate((float)interval.TotalSeconds);
            _tick++;
            Volatile.Write(ref _latest, new WorldSnapshot(_tick, new Dictionary<int, Vec2>(_positions)));

            next += interval;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    private void DrainCommands()
    {
        while (_inbox.TryDequeue(out var command))
        {
            switch (command)
            {
                case SpawnCommand spawn:
                    _positions[spawn.PlayerId] = spawn.At;
                    _velocities[spawn.PlayerId] = default;
                    break;
                case MoveCommand move when _positions.ContainsKey(move.PlayerId):
                    _velocities[move.PlayerId] = move.Direction * Speed;
                    break;
                case LeaveCommand leave:
                    _positions.Remove(leave.PlayerId);
                    _velocities.Remove(leave.PlayerId);
                    break;
            }
        }
    }

    private void Integrate(float dt)
    {
        foreach (var (playerId, velocity) in _velocities)
        {
            _positions[playerId] = _positions[playerId] + velocity * dt;
        }
    }
}
