namespace Blind35.Snowshoe.Routes;

public sealed record RouteOption(string Name, double Km, double AscentMetres, double AvalancheExposure);

public sealed record RouteForecast(string Name, double ExpectedHours, double RiskScore);

/// <summary>
/// Monte Carlo estimate of trek duration and risk for the guides' route planner.
/// </summary>
public sealed class RoutePlanner : IDisposable
{
    private static int _seedCounter = Environment.TickCount;

    private readonly ThreadLocal<Random> _random =
        new(() => new Random(Interlocked.Increment(ref _seedCounter)));

    public int Simulations { get; init; } = 2_000;

    public IReadOnlyList<RouteForecast> Forecast(IReadOnlyList<RouteOption> routes, double snowDepthCm)
    {
        var forecasts = new RouteForecast[routes.Count];

        Parallel.For(0, routes.Count, i =>
        {
            var route = routes[i];
            var rng = _random.Value!;
            double hours = 0;
            var incidents = 0;

            for (var run = 0; run < Simulations; run++)
            {
                var pace = 2.5 - snowDepthCm / 100.0 + (rng.NextDouble() - 0.5);
                pace = Math.Max(0.8, pace);
                hours += route.Km / pace + route.AscentMetres / 300.0;
                if (rng.NextDouble() < route.AvalancheExposure * snowDepthCm / 500.0)
                {
                    incidents++;
                }
            }

            forecasts[i] = new RouteForecast(route.Name, hours / Simulations, (double)incidents / Simulations);
        });

        return forecasts;
    }

    public RouteForecast? Safest(IReadOnlyList<RouteOption> routes, double snowDepthCm, double maxHours) =>
        Forecast(routes, snowDepthCm)
            .Where(f => f.ExpectedHours <= maxHours)
            .OrderBy(f => f.RiskScore)
            .FirstOrDefault();

    public void Dispose() => _random.Dispose();
}

public static class PlannerCommand
{
    public static void Print(IReadOnlyList<RouteOption> routes, double snowDepthCm)
    {
        using var planner = new RoutePlanner { Simulations = 5_000 };
        foreach (var f in planner.Forecast(routes, snowDepthCm))
        {
            Console.WriteLine($"{f.Name,-24} {f.ExpectedHours,5:F1} h  risk {f.RiskScore:P1}");
        }
    }
}
