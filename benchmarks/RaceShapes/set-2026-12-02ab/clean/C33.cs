namespace Blind28.CanalBoats.Simulation;

public sealed class LockFlight
{
    public LockFlight(int chambers)
    {
        WaterLevels = new double[chambers];
        Queued = new int[chambers];
    }

    public double[] WaterLevels { get; }
    public int[] Queued { get; }
}

/// <summary>
/// Tick-based simulation of a flight of locks used to estimate queueing at busy weekends.
/// Each worker owns a contiguous run of chambers; a barrier separates the phase where
/// chambers update themselves from the phase where boats move between neighbours.
/// </summary>
public sealed class LockFlightSimulation
{
    private readonly LockFlight _flight;
    private readonly int _workers;

    public LockFlightSimulation(int chambers, int workers)
    {
        _flight = new LockFlight(chambers);
        _workers = Math.Max(1, Math.Min(workers, chambers));
    }

    public (double[] Levels, int[] Queued) Run(int ticks, int arrivalsPerTick)
    {
        var chambers = _flight.WaterLevels.Length;
        var nextQueued = new int[chambers];
        using var barrier = new Barrier(_workers, b =>
        {
            // Runs on one thread while the others wait; odd phases end a tick.
            if (b.CurrentPhaseNumber % 2 == 1)
            {
                Array.Copy(nextQueued, _flight.Queued, chambers);
                _flight.Queued[0] += arrivalsPerTick;
            }
        });

        var threads = new Thread[_workers];
        var perWorker = (chambers + _workers - 1) / _workers;
        for (var w = 0; w < _workers; w++)
        {
            var start = w * perWorker;
            var end = Math.Min(chambers, start + perWorker);
            threads[w] = new Thread(() => Worker(start, end)) { IsBackground = true };
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return ((double[])_flight.WaterLevels.Clone(), (int[])_flight.Queued.Clone());

        void Worker(int start, int end)
        {
            for (var tick = 0; tick < ticks; tick++)
            {
                for (var c = start; c < end; c++)
                {
                    var filling = tick % 2 == c % 2;
                    _flight.WaterLevels[c] = filling ? Math.Min(1.0, _flight.WaterLevels[c] + 0.25) : Math.Max(0.0, _flight.WaterLevels[c] - 0.25);
                }

                barrier.SignalAndWait();

                for (var c = start; c < end; c++)
                {
                    var leaving = _flight.WaterLevels[c] >= 1.0 ? Math.Min(2, _flight.Queued[c]) : 0;
                    var arriving = c > 0 && _flight.WaterLevels[c - 1] >= 1.0 ? Math.Min(2, _flight.Queued[c - 1]) : 0;
                    nextQueued[c] = _flight.Queued[c] - leaving + arriving;
                }

                barrier.SignalAndWait();
            }
        }
    }
}
