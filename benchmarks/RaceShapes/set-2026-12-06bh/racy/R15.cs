using System.Diagnostics;

namespace Blind60.ModelRailway.Simulation;

public sealed class Train
{
    public Train(string name, int block, double speed)
    {
        Name = name;
        Block = block;
        Speed = speed;
    }

    public string Name { get; }
    public int Block { get; set; }
    public double Speed { get; set; }
    public double Progress { get; set; }
}

/// <summary>
/// Fixed-step simulation of the club's layout, used to rehearse timetables before an
/// exhibition. <see cref="Run"/> owns a dedicated loop thread; <see cref="Tick"/> and
/// <see cref="Render"/> are only ever called from that loop.
/// </summary>
public sealed class LayoutSimulation
{
    private const int BlockCount = 24;
    private readonly List<Train> _trains = new();
    private readonly Action<string> _display;
    private volatile bool _running;

    public LayoutSimulation(Action<string> display) => _display = display;

    public void Run(TimeSpan step, CancellationToken ct)
    {
        _running = true;
        var clock = Stopwatch.StartNew();
        var next = clock.Elapsed;
        while (!ct.IsCancellationRequested)
        {
            Tick(step.TotalSeconds);
            Render();
            next += step;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
        _running = false;
    }

    private void Tick(double dt)
    {
        foreach (var train in _trains)
        {
            train.Progress += train.Speed * dt;
            while (train.Progress >= 1.0)
            {
                train.Progress -= 1.0;
                train.Block = (train.Block + 1) % BlockCount;
            }
        }
    }

    private void Render()
    {
        var line = string.Join("  ", _trains.Select(t => $"{t.Name}@{t.Block}"));
        _display(line);
    }

    /// <summary>
    /// Puts a new train on the layout. Called by the exhibition control panel
    /// (a small HTTP endpoint) when a member adds a locomotive.
    /// </summary>
    public void AddTrain(string name, int startBlock, double blocksPerSecond)
    {
        _trains.Add(new Train(name, startBlock % BlockCount, blocksPerSecond));
    }

    public bool IsRunning => _running;
}

public static class SimulationHost
{
    public static Thread Start(LayoutSimulation sim, CancellationToken ct)
    {
        var thread = new Thread(() => sim.Run(TimeSpan.FromMilliseconds(50), ct))
        {
            IsBackground = true,
            Name = "layout-sim",
        };
        thread.Start();
        return thread;
    }
}
