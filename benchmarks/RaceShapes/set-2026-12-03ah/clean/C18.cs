using System.Text.Json;

namespace Blind34.Carousel.Lighting;

public sealed class LightingProfile
{
    public LightingProfile(IReadOnlyDictionary<string, double> brightnessByRing, double chaseSpeed, bool organLinked)
    {
        BrightnessByRing = brightnessByRing;
        ChaseSpeed = chaseSpeed;
        OrganLinked = organLinked;
    }

    public IReadOnlyDictionary<string, double> BrightnessByRing { get; }
    public double ChaseSpeed { get; }
    public bool OrganLinked { get; }
}

/// <summary>
/// Holds the lighting profile for the restored carousel's canopy bulbs. The
/// profile file is watched for edits and reloaded; the light controller's
/// frame loop reads the current profile on every frame.
/// </summary>
public sealed class LightingProfileStore : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly string _path;
    private LightingProfile _current;
    private int _reloads;

    public LightingProfileStore(string path)
    {
        _path = path;
        _current = Load(path);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path));
        _watcher.Changed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public LightingProfile Current => Volatile.Read(ref _current);

    public int Reloads => Volatile.Read(ref _reloads);

    private void Reload()
    {
        try
        {
            var fresh = Load(_path);
            Volatile.Write(ref _current, fresh);
            Interlocked.Increment(ref _reloads);
        }
        catch (IOException)
        {
            // Editor still holds the file; the next Changed event will retry.
        }
    }

    private static LightingProfile Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var rings = new Dictionary<string, double>();
        foreach (var ring in root.GetProperty("rings").EnumerateObject())
        {
            rings[ring.Name] = ring.Value.GetDouble();
        }

        return new LightingProfile(rings, root.GetProperty("chaseSpeed").GetDouble(), root.GetProperty("organLinked").GetBoolean());
    }

    public void Dispose() => _watcher.Dispose();
}

public sealed class CanopyController
{
    private readonly LightingProfileStore _store;

    public CanopyController(LightingProfileStore store) => _store = store;

    public double[] Frame(IReadOnlyList<string> rings, double organBeat)
    {
        var profile = _store.Current;
        var levels = new double[rings.Count];
        for (var i = 0; i < rings.Count; i++)
        {
            var baseLevel = profile.BrightnessByRing.TryGetValue(rings[i], out var b) ? b : 0.5;
            levels[i] = profile.OrganLinked ? baseLevel * (0.8 + 0.2 * organBeat) : baseLevel;
        }

        return levels;
    }
}
