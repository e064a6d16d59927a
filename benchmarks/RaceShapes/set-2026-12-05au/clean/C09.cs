using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;

namespace Blind47.AntiqueMaps.Search;

public sealed record AtlasPlate(string PlateId, string Atlas, string Region, int Year, IReadOnlyList<string> Terms);

/// <summary>
/// Full-text lookup over the shop's atlas plates. Searches run on web request
/// threads; a file watcher rebuilds the index when the cataloguer saves a sheet.
/// Each rebuild produces a complete new index that replaces the old one.
/// </summary>
public sealed class PlateSearchIndex : IDisposable
{
    private sealed class IndexGeneration
    {
        public required IReadOnlyDictionary<string, ImmutableArray<AtlasPlate>> ByTerm { get; init; }
        public required int PlateCount { get; init; }
        public required DateTime BuiltAt { get; init; }
    }

    private readonly string _folder;
    private readonly Func<string, AtlasPlate?> _parse;
    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private volatile IndexGeneration _current;

    public PlateSearchIndex(string folder, Func<string, AtlasPlate?> parse)
    {
        _folder = folder;
        _parse = parse;
        _current = Build();
        _watcher = new FileSystemWatcher(folder, "*.plate") { EnableRaisingEvents = true };
        _watcher.Changed += OnFolderChanged;
        _watcher.Created += OnFolderChanged;
        _watcher.Deleted += OnFolderChanged;
    }

    public (int Plates, DateTime BuiltAt) Stats
    {
        get
        {
            var generation = _current;
            return (generation.PlateCount, generation.BuiltAt);
        }
    }

    public IReadOnlyList<AtlasPlate> Search(string term)
    {
        var generation = _current;
        return generation.ByTerm.TryGetValue(term.Trim().ToLowerInvariant(), out var plates)
            ? plates
            : ImmutableArray<AtlasPlate>.Empty;
    }

    private async void OnFolderChanged(object sender, FileSystemEventArgs e)
    {
        // Several events arrive for one save; collapse them into one rebuild.
        if (!await _rebuildGate.WaitAsync(0))
        {
            return;
        }

        try
        {
            await Task.Delay(500);
            _current = await Task.Run(Build);
        }
        catch (IOException)
        {
            // Keep serving the previous generation.
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    private IndexGeneration Build()
    {
        var byTerm = new Dictionary<string, List<AtlasPlate>>();
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(_folder, "*.plate"))
        {
            if (_parse(File.ReadAllText(file)) is not { } plate)
            {
                continue;
            }

            count++;
            foreach (var term in plate.Terms.Append(plate.Region).Select(t => t.ToLowerInvariant()).Distinct())
            {
                if (!byTerm.TryGetValue(term, out var list))
                {
                    byTerm[term] = list = new List<AtlasPlate>();
                }

                list.Add(plate);
            }
        }

        return new IndexGeneration
        {
            ByTerm = byTerm.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray()),
            PlateCount = count,
            BuiltAt = DateTime.UtcNow,
        };
    }

    public void Dispose()
    {
        _watcher.Dispose();
    }
}
