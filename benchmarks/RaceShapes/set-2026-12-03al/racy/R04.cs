namespace Blind38.Foraging.FieldNotes;

public sealed record SpeciesInfo(string CommonName, string LatinName, bool Edible, string[] Aliases);

/// <summary>
/// Lookup table from common names and regional aliases to species. Built on first use
/// from the embedded catalogue text and shared by every parser instance.
/// </summary>
public sealed class SpeciesCatalog
{
    private readonly IReadOnlyList<string> _catalogueLines;
    private Dictionary<string, SpeciesInfo>? _byName;

    public SpeciesCatalog(IReadOnlyList<string> catalogueLines)
    {
        _catalogueLines = catalogueLines;
    }

    public SpeciesInfo? Lookup(string name)
    {
        var index = Volatile.Read(ref _byName) ?? BuildIndex();
        return index.TryGetValue(name.Trim(), out var info) ? info : null;
    }

    private Dictionary<string, SpeciesInfo> BuildIndex()
    {
        var index = new Dictionary<string, SpeciesInfo>(StringComparer.OrdinalIgnoreCase);
        Volatile.Write(ref _byName, index);

        foreach (var line in _catalogueLines)
        {
            // Format: common|latin|edible|alias1,alias2
            var parts = line.Split('|');
            if (parts.Length < 3)
            {
                continue;
            }

            var aliases = parts.Length > 3 ? parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
            var info = new SpeciesInfo(parts[0], parts[1], parts[2] == "y", aliases);
            index[info.CommonName] = info;
            foreach (var alias in aliases)
            {
                index.TryAdd(alias, info);
            }
        }

        return index;
    }
}

/// <summary>
/// Parses a forager's field-note export (one find per line) into structured finds.
/// </summary>
public sealed class FieldNoteParser
{
    private readonly SpeciesCatalog _catalog;

    public FieldNoteParser(SpeciesCatalog catalog)
    {
        _catalog = catalog;
    }

    public IReadOnlyList<(string Site, SpeciesInfo? Species, int Count)> ParseAll(IEnumerable<string> files)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<(string, SpeciesInfo?, int)>();
        Parallel.ForEach(files, file =>
        {
            foreach (var line in File.ReadLines(file))
            {
                var cols = line.Split(';');
                if (cols.Length != 3 || !int.TryParse(cols[2], out var count))
                {
                    continue;
                }

                results.Add((cols[0], _catalog.Lookup(cols[1]), count));
            }
        });
        return results.ToArray();
    }
}
