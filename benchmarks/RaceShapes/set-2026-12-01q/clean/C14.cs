namespace SnowPlough.Gritting
{
    public sealed record Street(int Id, string Name, double LengthKm, double GradientPercent, bool BusRoute);

    public sealed record GritPlan(int StreetId, double SaltTonnes, int Priority);

    /// <summary>
    /// Works out salt tonnage per street for the evening gritting run.
    /// </summary>
    public sealed class GrittingPlanner
    {
        private readonly double _tonnesPerKm;

        public GrittingPlanner(double tonnesPerKm) => _tonnesPerKm = tonnesPerKm;

        public IReadOnlyList<GritPlan> Plan(IReadOnlyList<Street> streets, double roadSurfaceTempC)
        {
            var multiplier = roadSurfaceTempC < -5 ? 1.5 : 1.0;

            var plans = streets
                .AsParallel()
                .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
                .Select(s =>
                {
                    var tonnes = s.LengthKm * _tonnesPerKm * multiplier;
                    if (s.GradientPercent > 7)
                    {
                        tonnes *= 1.25;
                    }

                    var priority = s.BusRoute ? 1 : s.GradientPercent > 7 ? 2 : 3;
                    return new GritPlan(s.Id, Math.Round(tonnes, 2), priority);
                })
                .OrderBy(p => p.Priority)
                .ThenBy(p => p.StreetId)
                .ToList();

            return plans;
        }

        public double TotalSalt(IReadOnlyList<GritPlan> plans) => plans.AsParallel().Sum(p => p.SaltTonnes);
    }

    /// <summary>
    /// CLI command: prints the gritting plan for tonight.
    /// </summary>
    public static class PrintGritPlanCommand
    {
        public static void Run(GrittingPlanner planner, IReadOnlyList<Street> streets, double surfaceTemp, TextWriter output)
        {
            var plans = planner.Plan(streets, surfaceTemp);
            var byId = streets.ToDictionary(s => s.Id);
            foreach (var p in plans)
            {
                output.WriteLine($"P{p.Priority} {byId[p.StreetId].Name,-30} {p.SaltTonnes,6:F2} t");
            }
            output.WriteLine($"Total: {planner.TotalSalt(plans):F2} t");
        }
    }
}
