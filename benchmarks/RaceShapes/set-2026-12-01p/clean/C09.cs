using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Vineyard.Trucking;

public sealed record PickingCrew(string CrewId, string BlockId, int Pickers);

public sealed record BinForecast(string CrewId, string BlockId, int ExpectedBins, TimeSpan ReadyAt);

public sealed record TruckPlan(IReadOnlyList<BinForecast> Forecasts, int TrucksNeeded, TimeSpan FirstPickup);

public interface ICrewTracker
{
    Task<(int BinsFilled, double BinsPerHour)> GetProgressAsync(string crewId, CancellationToken ct);
}

/// <summary>
/// Plans how many trucks to send to the vineyard blocks, based on live crew progress.
/// </summary>
public sealed class TruckDispatchPlanner
{
    private const int BinsPerTruck = 14;
    private readonly ICrewTracker _tracker;

    public TruckDispatchPlanner(ICrewTracker tracker) => _tracker = tracker;

    public async Task<TruckPlan> PlanAsync(IReadOnlyList<PickingCrew> crews, TimeSpan shiftRemaining, CancellationToken ct)
    {
        var forecastTasks = crews.Select(crew => ForecastAsync(crew, shiftRemaining, ct)).ToArray();

        BinForecast[] forecasts = await Task.WhenAll(forecastTasks).ConfigureAwait(false);

        var totalBins = forecasts.Sum(f => f.ExpectedBins);
        var trucks = (int)Math.Ceiling(totalBins / (double)BinsPerTruck);
        var firstPickup = forecasts.Length == 0 ? TimeSpan.Zero : forecasts.Min(f => f.ReadyAt);

        return new TruckPlan(
            forecasts.OrderBy(f => f.ReadyAt).ToList(),
            trucks,
            firstPickup);
    }

    private async Task<BinForecast> ForecastAsync(PickingCrew crew, TimeSpan shiftRemaining, CancellationToken ct)
    {
        var (filled, perHour) = await _tracker.GetProgressAsync(crew.CrewId, ct).ConfigureAwait(false);

        if (perHour <= 0)
        {
            perHour = crew.Pickers * 0.35;
        }

        var expected = filled + (int)Math.Floor(perHour * shiftRemaining.TotalHours);
        var binsUntilTruckLoad = Math.Max(0, BinsPerTruck - filled % BinsPerTruck);
        var readyAt = TimeSpan.FromHours(binsUntilTruckLoad / perHour);

        return new BinForecast(crew.CrewId, crew.BlockId, expected, readyAt);
    }
}
