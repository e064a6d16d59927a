namespace Blind29.Hydroponics.Dosing;

public sealed record GrowTray(string Id, string Crop, double WaterLitres, double CurrentEc, double TargetEc);

public interface INutrientModel
{
    double MlPerLitreForEcDelta(string crop, double delta);
}

/// <summary>
/// Works out how much concentrate the dosing pump has to prepare for the next cycle
/// across every tray in a grow room.
/// </summary>
public sealed class DosingPlanner
{
    private readonly INutrientModel _model;

    public DosingPlanner(INutrientModel model) => _model = model;

    public DosingPlan Plan(IReadOnlyList<GrowTray> trays)
    {
        double totalMl = 0;
        var perTray = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();

        Parallel.ForEach(trays, new ParallelOptions { MaxDegreeOfParallelism = 4 }, tray =>
        {
            var delta = tray.TargetEc - tray.CurrentEc;
            if (delta <= 0)
            {
                perTray[tray.Id] = 0;
                return;
            }

            var ml = _model.MlPerLitreForEcDelta(tray.Crop, delta) * tray.WaterLitres;
            perTray[tray.Id] = ml;
            totalMl += ml;
        });

        return new DosingPlan(totalMl, perTray.ToDictionary(p => p.Key, p => p.Value));
    }
}

public sealed record DosingPlan(double TotalMl, IReadOnlyDictionary<string, double> PerTrayMl)
{
    public bool ExceedsReservoir(double reservoirMl) => TotalMl > reservoirMl;

    public double LargestSingleDose() => PerTrayMl.Count == 0 ? 0 : PerTrayMl.Values.Max();

    public IEnumerable<string> TraysNeedingDose() =>
        PerTrayMl.Where(p => p.Value > 0).Select(p => p.Key).OrderBy(id => id);
}
