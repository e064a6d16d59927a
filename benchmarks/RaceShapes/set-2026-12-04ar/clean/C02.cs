namespace Blind44.BonsaiNursery.Pricing;

public sealed record PriceEntry(string Species, string Grade, decimal Price);

public interface IPriceListSource
{
    Task<IReadOnlyList<PriceEntry>> DownloadAsync(CancellationToken ct);
}

/// <summary>
/// Caches the nursery's wholesale price list for the shop front. Registered as a singleton;
/// every product page asks it for prices. The list is refreshed from head office every ten minutes.
/// </summary>
public sealed class PriceListCache
{
    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyDictionary<string, PriceEntry> prices, DateTime expiresUtc)
        {
            Prices = prices;
            ExpiresUtc = expiresUtc;
        }

        public IReadOnlyDictionary<string, PriceEntry> Prices { get; }
        public DateTime ExpiresUtc { get; }
    }

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IPriceListSource _source;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Snapshot? _current;

    public PriceListCache(IPriceListSource source) => _source = source;

    public async ValueTask<PriceEntry?> GetAsync(string species, string grade, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null || snapshot.ExpiresUtc <= DateTime.UtcNow)
            snapshot = await RefreshAsync(ct);

        return snapshot.Prices.TryGetValue(Key(species, grade), out var entry) ? entry : null;
    }

    private async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            // Another request may have refreshed while this one was waiting.
            var existing = Volatile.Read(ref _current);
            if (existing is not null && existing.ExpiresUtc > DateTime.UtcNow)
                return existing;

            var list = await _source.DownloadAsync(ct);
            var map = new Dictionary<string, PriceEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in list)
                map[Key(entry.Species, entry.Grade)] = entry;

            var fresh = new Snapshot(map, DateTime.UtcNow + Lifetime);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Drops the cached list so the next request downloads it again.</summary>
    public void Invalidate() => Volatile.Write(ref _current, null);

    private static string Key(string species, string grade) => species + "|" + grade;
}
