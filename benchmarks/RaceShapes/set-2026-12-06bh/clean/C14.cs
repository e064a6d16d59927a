using System.Collections.Concurrent;

namespace Blind60.RareBooks.Provenance;

public sealed record ProvenanceRecord(string Isbn, IReadOnlyList<string> PreviousOwners, DateTime CheckedUtc);

public interface IProvenanceArchive
{
    Task<ProvenanceRecord> LookupAsync(string isbn, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent provenance lookups for the same book so that the archive is
/// queried once per book while a lookup is outstanding. Shared by the cataloguing tools.
/// </summary>
public sealed class ProvenanceLookupCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ProvenanceRecord>>> _inFlight = new(StringComparer.Ordinal);
    private readonly IProvenanceArchive _archive;

    public ProvenanceLookupCoalescer(IProvenanceArchive archive) => _archive = archive;

    public Task<ProvenanceRecord> LookupAsync(string isbn)
    {
        var mine = new Lazy<Task<ProvenanceRecord>>(
            () => _archive.LookupAsync(isbn, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);

        var entry = _inFlight.GetOrAdd(isbn, mine);
        if (!ReferenceEquals(entry, mine))
        {
            return entry.Value;
        }
        return RunAndForgetAsync(isbn, mine);
    }

    private async Task<ProvenanceRecord> RunAndForgetAsync(string isbn, Lazy<Task<ProvenanceRecord>> mine)
    {
        try
        {
            return await mine.Value.ConfigureAwait(false);
        }
        finally
        {
            // Remove only our own entry; a later lookup may already have replaced it.
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<ProvenanceRecord>>>(isbn, mine));
        }
    }

    public int Outstanding => _inFlight.Count;
}
