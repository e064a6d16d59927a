namespace Kaiten.Conveyor.Simulation;

public sealed record PlateSpec(string Dish, double PriceYen, TimeSpan MaxTimeOnBelt);

public sealed record LaneResult(int Lane, int PlatesServed, int PlatesDiscarded, double Revenue);

/// <summary>
/// Simulates an evening of service on the conveyor belt lanes to size the kitchen's
/// plate production. Each lane is simulated on its own thread.
/// </summary>
public sealed class ConveyorSimulator
{
    private readonly IReadOnlyList<PlateSpec> _menu;
    private readonly int _minutes;

    public ConveyorSimulator(IReadOnlyList<PlateSpec> menu, int minutes)
    {
        _menu = menu;
        _minutes = minutes;
    }

    public IReadOnlyList<LaneResult> Run(int lanes, double pickProbabilityPerMinute)
    {
        var results = new LaneResult[lanes];
        var threads = new Thread[lanes];

        for (int lane = 0; lane < lanes; lane++)
        {
            int laneIndex = lane;
            threads[lane] = new Thread(() =>
            {
                results[laneIndex] = SimulateLane(laneIndex, pickProbabilityPerMinute, new Random(1000 + laneIndex));
            })
            { Name = $"lane-{laneIndex}" };
        }

        foreach (var t in threads)
        {
            t.Start();
        }
        foreach (var t in threads)
        {
            t.Join();
        }

        return results;
    }

    private LaneResult SimulateLane(int lane, double pickProbability, Random rng)
    {
        var onBelt = new Queue<(PlateSpec Plate, int PlacedMinute)>();
        int served = 0, discarded = 0;
        double revenue = 0;

        for (int minute = 0; minute < _minutes; minute++)
        {
            onBelt.Enqueue((_menu[rng.Next(_menu.Count)], minute));

            while (onBelt.Count > 0 && minute - onBelt.Peek().PlacedMinute > onBelt.Peek().Plate.MaxTimeOnBelt.TotalMinutes)
            {
                onBelt.Dequeue();
                discarded++;
            }

            if (onBelt.Count > 0 && rng.NextDouble() < pickProbability)
            {
                var (plate, _) = onBelt.Dequeue();
                served++;
                revenue += plate.PriceYen;
            }
        }

        return new LaneResult(lane, served, discarded, revenue);
    }
}
