using System.Collections.Concurrent;

namespace Blind63.SeedBank.Passport;

public sealed record PassportData(string AccessionId, string Taxon, string CollectingSite, DateOnly CollectedOn);

public interface IGenebankRegistry
{
    Task<PassportData> LoadAsync(string accessionId, CancellationToken ct);
}

/// <summary>
/// Deduplicates concurrent passport-data lookups against the national
/// genebank registry. Shared by the curator UI and the distribution
/// request handlers.
/// </summary>
public sealed class PassportLookup
{
    private readonly IGenebankRegistry _registry;
    private readonly ConcurrentDictionary<string, Lazy<Task<PassportData>>> _inFlight = new(StringComparer.Ordinal);
    private int _registryCalls;

    public PassportLookup(IGenebankRegistry registry) => _registry = registry;

    public int RegistryCalls => Volatile.Read(ref _registryCalls);

    public Task<PassportData> GetAsync(string accessionId)
    {
        var lazy = _inFlight.GetOrAdd(
            accessionId,
            id => new Lazy<Task<PassportData>>(() => LoadAndReleaseAsync(id), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    private async Task<PassportData> LoadAndReleaseAsync(string accessionId)
    {
        Interlocked.Increment(ref _registryCalls);
        try
        {
            await Task.Yield();
            return await _registry.LoadAsync(accessionId, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (_inFlight.TryGetValue(accessionId, out var mine))
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<PassportData>>>(accessionId, mine));
            }
        }
    }
}

public sealed class DistributionRequestHandler
{
    private readonly PassportLookup _lookup;

    public DistributionRequestHandler(PassportLookup lookup) => _lookup = lookup;

    public async Task<IReadOnlyList<string>> LabelsAsync(IEnumerable<string> accessionIds)
    {
        var data = await Task.WhenAll(accessionIds.Select(_lookup.GetAsync));
        return data.Select(p => $"{p.AccessionId} — {p.Taxon}, {p.CollectingSite} ({p.CollectedOn:yyyy})").ToList();
    }
}
