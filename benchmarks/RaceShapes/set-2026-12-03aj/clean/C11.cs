namespace Blind36.OysterHatchery.Feeding;

public sealed record AlgaeTank(string Id, double Litres, double CellsPerMl, string Species);

public sealed record FeedPlan(double TotalLitresToDose, long TotalCells, int TanksBelowTarget);

/// <summary>
/// Works out tomorrow's algae feed across all the culture tanks.
/// </summary>
public sealed class AlgaeFeedPlanner
{
    private readonly double _targetCellsPerMl;
    private readonly object _merge = new();

    public AlgaeFeedPlanner(double targetCellsPerMl) => _targetCellsPerMl = targetCellsPerMl;

    private sealed class Subtotal
    {
        public double Litres;
        public long Cells;
        public int Below;
    }

    public FeedPlan Plan(IReadOnlyList<AlgaeTank> tanks)
    {
        double litres = 0;
        long cells = 0;
        int below = 0;

        Parallel.ForEach(
            tanks,
            () => new Subtotal(),
            (tank, _, sub) =>
            {
                long tankCells = (long)(tank.CellsPerMl * tank.Litres * 1000);
                sub.Cells += tankCells;
                if (tank.CellsPerMl < _targetCellsPerMl)
                {
                    sub.Below++;
                }
                else
                {
                    // Dense cultures get harvested down to target and the surplus dosed.
                    double surplusFraction = 1 - _targetCellsPerMl / tank.CellsPerMl;
                    sub.Litres += tank.Litres * surplusFraction;
                }
                return sub;
            },
            sub =>
            {
                lock (_merge)
                {
                    litres += sub.Litres;
                    cells += sub.Cells;
                    below += sub.Below;
                }
            });

        lock (_merge)
        {
            return new FeedPlan(Math.Round(litres, 1), cells, below);
        }
    }
}
