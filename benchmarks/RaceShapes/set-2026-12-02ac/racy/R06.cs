namespace Blind29.FilmArchive.Catalog;

public sealed record Reel(string Code, string Title, int Year, string Vault, string Gauge);

public interface IReelSource
{
    IEnumerable<Reel> LoadAll();
}

/// <summary>
/// In-memory lookup of reels by accession code. The archive's lending desk and the
/// digitisation queue both use the same instance; the index is built on first use.
/// </summary>
public sealed class ReelIndex
{
    private readonly IReelSource _source;
    private readonly object _loadLock = new();
    private Dictionary<string, Reel>? _byCode;

    public ReelIndex(IReelSource source) => _source = source;

    public Reel? Find(string code)
    {
        var index = EnsureLoaded();
        return index.TryGetValue(code, out var reel) ? reel : null;
    }

    public IEnumerable<Reel> InVault(string vault) =>
        EnsureLoaded().Values.Where(r => r.Vault == vault).ToList();

    private Dictionary<string, Reel> EnsureLoaded()
    {
        if (_byCode == null)
        {
            lock (_loadLock)
            {
                if (_byCode == null)
                {
                    _byCode = new Dictionary<string, Reel>(StringComparer.OrdinalIgnoreCase);
                    foreach (var reel in _source.LoadAll())
                    {
                        _byCode[reel.Code] = reel;
                    }
                }
            }
        }

        return _byCode;
    }
}

public sealed class LendingDesk
{
    private readonly ReelIndex _index;

    public LendingDesk(ReelIndex index) => _index = index;

    public string Describe(string code)
    {
        var reel = _index.Find(code);
        return reel is null
            ? $"{code}: not in catalogue"
            : $"{reel.Code}: {reel.Title} ({reel.Year}, {reel.Gauge}) in vault {reel.Vault}";
    }

    public Task<string[]> DescribeManyAsync(IEnumerable<string> codes) =>
        Task.WhenAll(codes.Select(c => Task.Run(() => Describe(c))));
}
