using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind58.TobogganSim;

public abstract record InputCommand(int SledId);
public sealed record Push(int SledId, double Force) : InputCommand(SledId);
public sealed record Brake(int SledId, double Amount) : InputCommand(SledId);
public sealed record AddSled(int SledId, string Rider) : InputCommand(SledId);

public readonly record struct SledView(int Id, string Rider, double Position, double Speed);

/// <summary>
/// Fixed-step simulation of the toboggan run for the visitor centre's arcade game.
/// Controller input arrives on network threads and is queued; the world is advanced and
/// mutated only inside <see cref="Tick"/>, which runs on the game loop thread.
/// </summary>
public sealed class TobogganWorld
{
    private sealed class Sled
    {
        public required string Rider;
        public double Position;
        public double Speed;
    }

    private const double Gravity = 4.2;
    private const double Friction = 0.08;
    private readonly ConcurrentQueue<InputCommand> _input = new();
    private readonly Dictionary<int, Sled> _sleds = new();
    private SledView[] _view = Array.Empty<SledView>();

    /// <summary>Latest rendered state, read by the display thread.</summary>
    public IReadOnlyList<SledView> View => Volatile.Read(ref _view);

    public void Enqueue(InputCommand command) => _input.Enqueue(command);

    public void Tick(double dt)
    {
        while (_input.TryDequeue(out var command))
        {
            switch (command)
            {
                case AddSled add:
                    _sleds.TryAdd(add.SledId, new Sled { Rider = add.Rider });
                    break;
                case Push push when _sleds.TryGetValue(push.SledId, out var pushed):
                    pushed.Speed += push.Force * dt;
                    break;
                case Brake brake when _sleds.TryGetValue(brake.SledId, out var braked):
                    braked.Speed = Math.Max(0, braked.Speed - brake.Amount * dt);
                    break;
            }
        }

        foreach (var sled in _sleds.Values)
        {
            sled.Speed += (Gravity - Friction * sled.Speed) * dt;
            sled.Position += sled.Speed * dt;
        }

        Volatile.Write(ref _view, _sleds.Select(s => new SledView(s.Key, s.Value.Rider, s.Value.Position, s.Value.Speed)).ToArray());
    }
}

/// <summary>Unity-style loop driving the world at a fixed 60 Hz step.</summary>
public sealed class GameLoop : IDisposable
{
    private readonly TobogganWorld _world;
    private readonly Thread _thread;
    private volatile bool _running = true;

    public GameLoop(TobogganWorld world)
    {
        _world = world;
        _thread = new Thread(Run) { IsBackground = true, Name = "game-loop" };
        _thread.Start();
    }

    private void Run()
    {
        const double step = 1.0 / 60;
        var clock = Stopwatch.StartNew();
        double accumulator = 0;
        double last = 0;
        while (_running)
        {
            double now = clock.Elapsed.TotalSeconds;
            accumulator += now - last;
            last = now;
            while (accumulator >= step)
            {
                _world.Tick(step);
                accumulator -= step;
            }

            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _running = false;
        _thread.Join();
    }
}
