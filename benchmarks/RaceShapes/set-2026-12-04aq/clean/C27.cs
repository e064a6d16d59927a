namespace Blind43.MapLibrary.Accessions;

public sealed record MapAccession(string CallNumber, string Title, string Collection, DateOnly Received);

public interface IAccessionStore
{
    void Insert(MapAccession accession);
}

/// <summary>
/// Assigns call numbers to newly received maps. Registered as a scoped service, so every
/// cataloguing request has its own instance; the sequence per collection is shared by all.
/// </summary>
public sealed class CallNumberAllocator
{
    private static readonly object SequenceGate = new();
    private static readonly Dictionary<string, int> LastSequenceByCollection = new(StringComparer.OrdinalIgnoreCase);

    private readonly IAccessionStore _store;
    private readonly List<MapAccession> _assignedInThisRequest = new();

    public CallNumberAllocator(IAccessionStore store) => _store = store;

    /// <summary>Primes the sequence from the database at start-up.</summary>
    public static void Seed(string collection, int lastUsed)
    {
        lock (SequenceGate)
        {
            var current = LastSequenceByCollection.GetValueOrDefault(collection);
            LastSequenceByCollection[collection] = Math.Max(current, lastUsed);
        }
    }

    public MapAccession Accession(string title, string collection, DateOnly received)
    {
        int sequence;
        lock (SequenceGate)
        {
            sequence = LastSequenceByCollection.GetValueOrDefault(collection) + 1;
            LastSequenceByCollection[collection] = sequence;
        }

        var accession = new MapAccession($"{collection.ToUpperInvariant()} {received.Year}/{sequence:D5}", title, collection, received);
        _store.Insert(accession);
        _assignedInThisRequest.Add(accession);
        return accession;
    }

    public IReadOnlyList<MapAccession> AssignedInThisRequest => _assignedInThisRequest.AsReadOnly();

    public static IReadOnlyDictionary<string, int> CurrentSequences()
    {
        lock (SequenceGate)
        {
            return new Dictionary<string, int>(LastSequenceByCollection, StringComparer.OrdinalIgnoreCase);
        }
    }
}

/// <summary>Bulk cataloguing endpoint: each batch is processed on its own request scope.</summary>
public static class CataloguingEndpoints
{
    public static async Task<int> ImportBatchesAsync(
        Func<CallNumberAllocator> newScope,
        IReadOnlyList<IReadOnlyList<(string Title, string Collection)>> batches)
    {
        var counts = await Task.WhenAll(batches.Select(batch => Task.Run(() =>
        {
            var allocator = newScope();
            foreach (var (title, collection) in batch)
            {
                allocator.Accession(title, collection, DateOnly.FromDateTime(DateTime.Today));
            }

            return allocator.AssignedInThisRequest.Count;
        }))).ConfigureAwait(false);

        return counts.Sum();
    }
}
