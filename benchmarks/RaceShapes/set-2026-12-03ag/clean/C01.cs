using System.Collections.Concurrent;

namespace GlassStudio.Commissions;

public interface ICommissionStore
{
    Task SaveProgressAsync(string commissionId, int stagesDone, CancellationToken ct);
}

/// <summary>
/// Tracks progress on commissioned pieces (gathering, blowing, annealing,
/// cold-working...). Registered as a singleton; every studio tablet posts stage
/// completions through the web API.
/// </summary>
public sealed class CommissionTracker
{
    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly List<string> Log = new();
        public int StagesDone;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ICommissionStore _store;

    public CommissionTracker(ICommissionStore store) => _store = store;

    public async Task<int> CompleteStageAsync(string commissionId, string stage, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(commissionId, _ => new Entry());
        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            entry.StagesDone++;
            entry.Log.Add($"{DateTime.UtcNow:O} {stage}");
            await _store.SaveProgressAsync(commissionId, entry.StagesDone, ct).ConfigureAwait(false);
            return entry.StagesDone;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> GetLogAsync(string commissionId, CancellationToken ct)
    {
        if (!_entries.TryGetValue(commissionId, out var entry))
        {
            return Array.Empty<string>();
        }

        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return entry.Log.ToArray();
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task<int> GetStagesDoneAsync(string commissionId, CancellationToken ct)
    {
        if (!_entries.TryGetValue(commissionId, out var entry))
        {
            return 0;
        }

        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return entry.StagesDone;
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
