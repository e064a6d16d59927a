namespace Blind45.ModelRailway.Spares;

public sealed record SpareOffer(string Dealer, string CatalogueNumber, decimal Price, bool InStock);

public interface IModelDealer
{
    string Name { get; }
    Task<SpareOffer?> FindAsync(string catalogueNumber, CancellationToken ct);
}

/// <summary>
/// Looks up spare parts (couplings, motor bogies, pantographs) across the dealers the
/// club buys from. Answers that arrive after the time budget are ignored.
/// </summary>
public sealed class SparesFinder
{
    private readonly IReadOnlyList<IModelDealer> _dealers;

    public SparesFinder(IReadOnlyList<IModelDealer> dealers) => _dealers = dealers;

    public async Task<IReadOnlyList<SpareOffer>> FindAsync(string catalogueNumber, TimeSpan budget, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);

        var lookups = _dealers.Select(d => d.FindAsync(catalogueNumber, timeout.Token)).ToList();
        var all = Task.WhenAll(lookups);
        try
        {
            await Task.WhenAny(all, Task.Delay(budget, ct)).ConfigureAwait(false);
        }
        finally
        {
            // Ensure late dealers stop working on our behalf.
            timeout.Cancel();
        }

        var offers = new List<SpareOffer>();
        foreach (var lookup in lookups)
        {
            if (lookup.IsCompletedSuccessfully && lookup.Result is { } offer)
            {
                offers.Add(offer);
            }
        }

        _ = all.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

        offers.Sort((a, b) => (b.InStock, a.Price).CompareTo((a.InStock, b.Price)));
        return offers;
    }
}

/// <summary>Builds the shopping list for a layout repair evening.</summary>
public sealed class RepairEveningPlanner
{
    private readonly SparesFinder _finder;

    public RepairEveningPlanner(SparesFinder finder) => _finder = finder;

    public async Task<IReadOnlyDictionary<string, SpareOffer?>> PlanAsync(IEnumerable<string> parts, CancellationToken ct)
    {
        var searches = parts.Distinct().Select(async p =>
        {
            var offers = await _finder.FindAsync(p, TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            return (Part: p, Best: offers.FirstOrDefault());
        });

        var results = await Task.WhenAll(searches).ConfigureAwait(false);
        return results.ToDictionary(r => r.Part, r => r.Best);
    }
}
