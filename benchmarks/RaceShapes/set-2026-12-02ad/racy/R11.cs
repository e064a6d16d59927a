namespace Blind30.WeavingCoop;

public sealed record WeavingDraft(string Name, int Shafts, int Treadles, IReadOnlyList<string> Threading);

/// <summary>
/// Library of weaving drafts stored in the co-op's shared folder. One instance is
/// shared by all loom controller sessions; drafts are read from disk on first use.
/// </summary>
public sealed class PatternLibrary
{
    private readonly string _folder;
    private readonly object _loadLock = new();
    private volatile bool _loaded;
    private Dictionary<string, WeavingDraft>? _drafts;

    public PatternLibrary(string folder)
    {
        _folder = folder;
    }

    public WeavingDraft? Find(string name)
    {
        EnsureLoaded();
        return _drafts!.TryGetValue(name, out var draft) ? draft : null;
    }

    public IReadOnlyList<string> Names()
    {
        EnsureLoaded();
        return _drafts!.Keys.OrderBy(n => n).ToList();
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        lock (_loadLock)
        {
            if (_loaded)
            {
                return;
            }

            _loaded = true;
            _drafts = LoadDrafts(_folder);
        }
    }

    private static Dictionary<string, WeavingDraft> LoadDrafts(string folder)
    {
        var drafts = new Dictionary<string, WeavingDraft>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(folder))
        {
            return drafts;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.draft"))
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length < 2)
            {
                continue;
            }

            var header = lines[0].Split(',');
            var name = Path.GetFileNameWithoutExtension(path);
            drafts[name] = new WeavingDraft(
                name,
                int.Parse(header[0]),
                int.Parse(header[1]),
                lines.Skip(1).ToArray());
        }

        return drafts;
    }
}

/// <summary>One loom's controller session; many run at once on the co-op's server.</summary>
public sealed class LoomSession
{
    private readonly PatternLibrary _library;

    public LoomSession(PatternLibrary library) => _library = library;

    public Task<int> LoadPatternAsync(string name) => Task.Run(() =>
    {
        var draft = _library.Find(name) ?? throw new KeyNotFoundException(name);
        return draft.Threading.Count;
    });
}
