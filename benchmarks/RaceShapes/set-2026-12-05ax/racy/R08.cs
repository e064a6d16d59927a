using System.Globalization;

namespace Blind50.Foraging.Species;

public sealed record SpeciesInfo(string LatinName, string CommonName, bool Edible);

/// <summary>
/// Resolves the species names foragers type into their field notes. Each foraging group gets
/// its own resolver, but the parsed field guide is large and is shared by all resolvers.
/// </summary>
public sealed class SpeciesResolver
{
    private static readonly Dictionary<string, SpeciesInfo> s_byName = new(StringComparer.OrdinalIgnoreCase);
    private static bool s_loaded;

    private readonly object _sync = new();
    private readonly string _guidePath;
    private readonly List<string> _unresolved = new();

    public SpeciesResolver(string guidePath)
    {
        _guidePath = guidePath;
    }

    public SpeciesInfo? Resolve(string name)
    {
        lock (_sync)
        {
            if (!s_loaded)
            {
                foreach (var line in File.ReadLines(_guidePath))
                {
                    var parts = line.Split(';');
                    if (parts.Length < 3)
                    {
                        continue;
                    }

                    var info = new SpeciesInfo(parts[0], parts[1], parts[2] == "1");
                    s_byName[info.LatinName] = info;
                    s_byName[info.CommonName] = info;
                }

                s_loaded = true;
            }

            if (s_byName.TryGetValue(name.Trim(), out var found))
            {
                return found;
            }

            _unresolved.Add(name);
            return null;
        }
    }

    public IReadOnlyList<string> Unresolved
    {
        get
        {
            lock (_sync)
            {
                return _unresolved.ToList();
            }
        }
    }
}

/// <summary>Processes the day's field notes uploaded by each foraging group.</summary>
public static class FieldNoteImporter
{
    public static async Task<IReadOnlyDictionary<string, int>> ImportAsync(
        IReadOnlyDictionary<string, string[]> notesByGroup, string guidePath)
    {
        var tasks = notesByGroup.Select(group => Task.Run(() =>
        {
            var resolver = new SpeciesResolver(guidePath);
            var edible = 0;
            foreach (var entry in group.Value)
            {
                var info = resolver.Resolve(entry);
                if (info is { Edible: true })
                {
                    edible++;
                }
            }

            return (group.Key, edible);
        }));

        var results = await Task.WhenAll(tasks);
        return results.ToDictionary(r => r.Key, r => r.edible, StringComparer.Create(CultureInfo.InvariantCulture, true));
    }
}
