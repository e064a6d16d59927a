using Microsoft.Extensions.Hosting;

namespace Blind50.Planetarium.Catalogue;

public sealed record CatalogueStar(string Designation, string? ProperName, string Constellation, double Magnitude);

/// <summary>A prefix index over star names.</summary>
public sealed class StarNameIndex
{
    private readonly SortedDictionary<string, List<CatalogueStar>> _byPrefix;

    private StarNameIndex(SortedDictionary<string, List<CatalogueStar>> byPrefix, int count, DateTime builtUtc)
    {
        _byPrefix = byPrefix;
        Count = count;
        BuiltUtc = builtUtc;
    }

    public static StarNameIndex Empty { get; } = Build(Array.Empty<CatalogueStar>());

    public int Count { get; }

    public DateTime BuiltUtc { get; }

    public static StarNameIndex Build(IReadOnlyCollection<CatalogueStar> stars)
    {
        var map = new SortedDictionary<string, List<CatalogueStar>>(StringComparer.OrdinalIgnoreCase);
        foreach (var star in stars)
        {
            foreach (var name in new[] { star.Designation, star.ProperName }.OfType<string>())
            {
                for (var length = 1; length <= Math.Min(name.Length, 6); length++)
                {
                    var prefix = name[..length];
                    if (!map.TryGetValue(prefix, out var list))
                    {
                        map[prefix] = list = new List<CatalogueStar>();
                    }

                    list.Add(star);
                }
            }
        }

        return new StarNameIndex(map, stars.Count, DateTime.UtcNow);
    }

    public IEnumerable<CatalogueStar> Search(string text, int max)
    {
        var key = text.Length > 6 ? text[..6] : text;
        if (!_byPrefix.TryGetValue(key, out var candidates))
        {
            return Enumerable.Empty<CatalogueStar>();
        }

        return candidates
            .Where(s => s.Designation.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                || (s.ProperName?.StartsWith(text, StringComparison.OrdinalIgnoreCase) ?? false))
            .Distinct()
            .OrderBy(s => s.Magnitude)
            .Take(max);
    }
}

/// <summary>
/// Serves star-name lookups for the dome operator's search box and rebuilds the index in the
/// background every night from the latest catalogue export. Registered as a singleton.
/// </summary>
public sealed class StarSearchService : BackgroundService
{
    private readonly Func<CancellationToken, Task<IReadOnlyCollection<CatalogueStar>>> _loadCatalogue;
    private StarNameIndex _index = StarNameIndex.Empty;

    public StarSearchService(Func<CancellationToken, Task<IReadOnlyCollection<CatalogueStar>>> loadCatalogue) =>
        _loadCatalogue = loadCatalogue;

    public IReadOnlyList<CatalogueStar> Search(string text) =>
        Volatile.Read(ref _index).Search(text, 20).ToList();

    public (int Stars, DateTime BuiltUtc) IndexInfo
    {
        get
        {
            var index = Volatile.Read(ref _index);
            return (index.Count, index.BuiltUtc);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            var stars = await _loadCatalogue(stoppingToken);
            var rebuilt = await Task.Run(() => StarNameIndex.Build(stars), stoppingToken);
            Volatile.Write(ref _index, rebuilt);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
