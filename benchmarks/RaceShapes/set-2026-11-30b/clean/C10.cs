namespace Blind2.C10;

/// <summary>Backend list as loaded from backends.txt.</summary>
public sealed class BackendSet
{
    public BackendSet(IReadOnlyList<Uri> backends, DateTime loadedUtc)
    {
        Backends = backends;
        LoadedUtc = loadedUtc;
    }

    public IReadOnlyList<Uri> Backends { get; }
    public DateTime LoadedUtc { get; }
}

/// <summary>
/// Watches backends.txt and exposes the current backend set to the load
/// balancer. Singleton; <see cref="Next"/> runs on every proxied request.
/// </summary>
public sealed class BackendConfigWatcher : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private BackendSet _current;
    private int _cursor;
    private int _reloads;

    public BackendConfigWatcher(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Parse(_path) ?? new BackendSet(Array.Empty<Uri>(), DateTime.UtcNow);

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path));
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public BackendSet Current => Volatile.Read(ref _current);

    public int ReloadCount => Volatile.Read(ref _reloads);

    public Uri Next()
    {
        var set = Volatile.Read(ref _current);
        if (set.Backends.Count == 0)
            throw new InvalidOperationException("No backends configured.");

        int slot = (Interlocked.Increment(ref _cursor) & int.MaxValue) % set.Backends.Count;
        return set.Backends[slot];
    }

    private void Reload()
    {
        BackendSet? next;
        try
        {
            next = Parse(_path);
        }
        catch (IOException)
        {
            return;
        }

        if (next is null)
            return;

        var previous = Interlocked.Exchange(ref _current, next);
        Interlocked.Increment(ref _reloads);
        Console.WriteLine($"Backends reloaded: {previous.Backends.Count} -> {next.Backends.Count}");
    }

    private static BackendSet? Parse(string path)
    {
        var uris = File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Uri.TryCreate(l, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .ToArray();

        return uris.Length == 0 ? null : new BackendSet(uris, DateTime.UtcNow);
    }

    public void Dispose() => _watcher.Dispose();
}
