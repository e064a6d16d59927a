using System.Collections.Concurrent;

namespace SeedBank.Passport;

public sealed record AccessionPassport(string AccessionId, string Taxon, string Origin, DateOnly Collected);

public interface IGenebankApi
{
    Task<AccessionPassport> GetPassportAsync(string accessionId, CancellationToken ct);
}

/// <summary>
/// Client-side cache of accession passport data. Shared by every request handler in the
/// seed bank portal; each passport is fetched at most once.
/// </summary>
public sealed class PassportCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AccessionPassport>>> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IGenebankApi _api;
    private int _misses;

    public PassportCache(IGenebankApi api) => _api = api;

    public int Misses => Volatile.Read(ref _misses);

    public Task<AccessionPassport> GetAsync(string accessionId)
    {
        var lazy = _entries.GetOrAdd(accessionId, id => new Lazy<Task<AccessionPassport>>(
            () =>
            {
                Interlocked.Increment(ref _misses);
                return _api.GetPassportAsync(id, CancellationToken.None);
            },
            LazyThreadSafetyMode.ExecutionAndPublication));

        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<AccessionPassport>>>(accessionId, lazy));
        }
        return task;
    }

    public void Invalidate(string accessionId) => _entries.TryRemove(accessionId, out _);
}

public static class PassportFormatting
{
    public static string Label(AccessionPassport p) =>
        $"{p.AccessionId} - {p.Taxon} ({p.Origin}, {p.Collected:yyyy})";
}
