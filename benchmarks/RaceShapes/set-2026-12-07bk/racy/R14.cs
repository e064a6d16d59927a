namespace Blind63.SeedBank.Viability;

public sealed record ViabilityResult(string AccessionId, double GerminationRate, DateOnly TestedOn);

public interface IGerminationLab
{
    Task<ViabilityResult> FetchLatestAsync(string accessionId, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent lookups of the same accession so the lab's LIMS only
/// sees one request per accession at a time. Shared by all curator sessions.
/// </summary>
public sealed class ViabilityLookup
{
    private readonly IGerminationLab _lab;
    private readonly Dictionary<string, Task<ViabilityResult>> _inFlight = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private int _labCalls;

    public ViabilityLookup(IGerminationLab lab)
    {
        _lab = lab;
    }

    public int LabCalls => Volatile.Read(ref _labCalls);

    public Task<ViabilityResult> GetAsync(string accessionId)
    {
        lock (_sync)
        {
            if (_inFlight.TryGetValue(accessionId, out var existing))
            {
                return existing;
            }

            var task = FetchAndForgetAsync(accessionId);
            if (!task.IsCompleted)
            {
                _inFlight[accessionId] = task;
            }
            return task;
        }
    }

    private async Task<ViabilityResult> FetchAndForgetAsync(string accessionId)
    {
        Interlocked.Increment(ref _labCalls);
        try
        {
            return await _lab.FetchLatestAsync(accessionId, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(accessionId);
            }
        }
    }
}

public sealed class CuratorDashboard
{
    private readonly ViabilityLookup _lookup;

    public CuratorDashboard(ViabilityLookup lookup) => _lookup = lookup;

    public async Task<IReadOnlyList<string>> LowViabilityAsync(IEnumerable<string> accessions, double threshold)
    {
        var results = await Task.WhenAll(accessions.Select(_lookup.GetAsync));
        return results.Where(r => r.GerminationRate < threshold)
                      .Select(r => $"{r.AccessionId} ({r.GerminationRate:P0}, tested {r.TestedOn})")
                      .ToList();
    }
}
