using System.Collections.Frozen;
using System.Text.Json;

namespace Blind37.ModelRailway.Timetable;

public sealed record TimetabledService(string Headcode, string From, string To, TimeOnly Departs, int Platform);

/// <summary>
/// Operating-session timetable for the club's exhibition layout, loaded from
/// timetable.json and reloaded whenever the timetable editor saves it. The fiddle-yard
/// screens and the platform indicators read it continuously.
/// </summary>
public sealed class TimetableSource : IDisposable
{
    private readonly string _path;
    private readonly object _reloadLock = new();
    private readonly FileSystemWatcher _watcher;
    private FrozenDictionary<string, TimetabledService> _services = FrozenDictionary<string, TimetabledService>.Empty;
    private int _version;

    public TimetableSource(string path)
    {
        _path = Path.GetFullPath(path);
        Reload();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path));
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public int Version => Volatile.Read(ref _version);

    public TimetabledService? Find(string headcode) =>
        Volatile.Read(ref _services).GetValueOrDefault(headcode);

    public IReadOnlyList<TimetabledService> DeparturesFrom(string station, TimeOnly after)
    {
        var services = Volatile.Read(ref _services);
        return services.Values
            .Where(s => s.From == station && s.Departs >= after)
            .OrderBy(s => s.Departs)
            .ToArray();
    }

    private void Reload()
    {
        lock (_reloadLock)
        {
            TimetabledService[]? parsed;
            try
            {
                using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                parsed = JsonSerializer.Deserialize<TimetabledService[]>(stream);
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                return;
            }

            if (parsed is null)
            {
                return;
            }

            var fresh = parsed
                .GroupBy(s => s.Headcode, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

            Volatile.Write(ref _services, fresh);
            Interlocked.Increment(ref _version);
        }
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>Drives a platform indicator from the current timetable.</summary>
public sealed class PlatformIndicator
{
    private readonly TimetableSource _timetable;
    private readonly string _station;

    public PlatformIndicator(TimetableSource timetable, string station)
    {
        _timetable = timetable;
        _station = station;
    }

    public string Render(TimeOnly now)
    {
        var next = _timetable.DeparturesFrom(_station, now).Take(3);
        return string.Join(" | ", next.Select(s => $"{s.Departs:HH:mm} {s.To} P{s.Platform}"));
    }
}
