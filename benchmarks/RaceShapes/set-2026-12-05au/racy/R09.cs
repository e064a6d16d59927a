using System.Collections.Generic;
using System.IO;

namespace Blind47.AntiqueMaps.Catalogue;

public sealed record MapListing(string StockNumber, string Title, string Cartographer, int Year, string[] Keywords);

/// <summary>
/// Keyword index over the dealer's stock sheets. The shop website calls
/// <see cref="Search"/> for every page view; the index is rebuilt whenever the
/// stock folder changes.
/// </summary>
public sealed class MapCatalogIndex : IDisposable
{
    private readonly string _stockFolder;
    private readonly FileSystemWatcher _watcher;
    private readonly Dictionary<string, List<MapListing>> _byKeyword = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, MapListing?> _parse;

    public MapCatalogIndex(string stockFolder, Func<string, MapListing?> parse)
    {
        _stockFolder = stockFolder;
        _parse = parse;
        Rebuild();

        _watcher = new FileSystemWatcher(stockFolder, "*.stock")
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        _watcher.Changed += (_, _) => Rebuild();
        _watcher.Created += (_, _) => Rebuild();
        _watcher.Deleted += (_, _) => Rebuild();
        _watcher.EnableRaisingEvents = true;
    }

    public IReadOnlyList<MapListing> Search(string keyword, int max = 20)
    {
        if (!_byKeyword.TryGetValue(keyword.Trim(), out var hits))
        {
            return Array.Empty<MapListing>();
        }

        return hits.OrderBy(h => h.Year).Take(max).ToList();
    }

    private void Rebuild()
    {
        var listings = new List<MapListing>();
        foreach (var file in Directory.EnumerateFiles(_stockFolder, "*.stock"))
        {
            try
            {
                var listing = _parse(File.ReadAllText(file));
                if (listing is not null)
                {
                    listings.Add(listing);
                }
            }
            catch (IOException)
            {
                // The file is still being written by the stock tool; the next event will pick it up.
            }
        }

        _byKeyword.Clear();
        foreach (var listing in listings)
        {
            foreach (var keyword in listing.Keywords.Append(listing.Cartographer))
            {
                if (!_byKeyword.TryGetValue(keyword, out var list))
                {
                    list = new List<MapListing>();
                    _byKeyword[keyword] = list;
                }

                list.Add(listing);
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
