namespace Blind45.FishAuction.Valuation;

public sealed record CatchLot(string LotId, string Species, double Kilograms, string Grade, string Vessel);

public interface IPriceOracle
{
    Task<decimal> GuidePricePerKiloAsync(string species, string grade, CancellationToken ct);
}

public sealed record LotValuation(string LotId, decimal GuidePerKilo, decimal Estimate);

/// <summary>
/// Estimates the morning's lots before the bell. Each lot's guide price comes from the
/// market data service; lookups run concurrently.
/// </summary>
public sealed class MorningValuation
{
    private readonly IPriceOracle _oracle;

    public MorningValuation(IPriceOracle oracle) => _oracle = oracle;

    public async Task<IReadOnlyList<LotValuation>> ValueAsync(IReadOnlyList<CatchLot> lots, CancellationToken ct)
    {
        var valuations = new LotValuation[lots.Count];
        var tasks = new Task[lots.Count];

        for (var i = 0; i < lots.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var lot = lots[index];
                var perKilo = await _oracle.GuidePricePerKiloAsync(lot.Species, lot.Grade, ct).ConfigureAwait(false);
                valuations[index] = new LotValuation(lot.LotId, perKilo, Math.Round(perKilo * (decimal)lot.Kilograms, 2));
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return valuations;
    }

    public async Task<decimal> TotalForVesselAsync(IReadOnlyList<CatchLot> lots, string vessel, CancellationToken ct)
    {
        var own = lots.Where(l => l.Vessel == vessel).ToList();
        var valued = await ValueAsync(own, ct).ConfigureAwait(false);
        return valued.Sum(v => v.Estimate);
    }
}

/// <summary>Prints the valuation board shown above the auction floor.</summary>
public static class ValuationBoard
{
    public static IEnumerable<string> Lines(IReadOnlyList<CatchLot> lots, IReadOnlyList<LotValuation> valuations)
    {
        for (var i = 0; i < lots.Count; i++)
        {
            var lot = lots[i];
            var v = valuations[i];
            yield return $"{lot.LotId,-8}{lot.Species,-16}{lot.Grade,-4}{lot.Kilograms,8:F1} kg  ~{v.Estimate,10:N2}";
        }
    }
}
