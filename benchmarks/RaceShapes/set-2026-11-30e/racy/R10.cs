namespace Gateway.Configuration;

/// <summary>
/// Maps route prefixes to upstream base addresses. The mapping lives in a plain text file
/// (<c>prefix = upstream</c> per line) so operators can change routing without a restart.
/// </summary>
public sealed class RouteTable : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Dictionary<string, string> _routes = new(StringComparer.OrdinalIgnoreCase);

    public RouteTable(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.Created += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Called by the proxy middleware for every incoming request.</summary>
    public string? ResolveUpstream(string requestPath)
    {
        var firstSegmentEnd = requestPath.IndexOf('/', 1);
        var prefix = firstSegmentEnd < 0 ? requestPath : requestPath[..firstSegmentEnd];
        return _routes.TryGetValue(prefix, out var upstream) ? upstream : null;
    }

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
        }
        catch (IOException)
        {
            // The editor may still hold the file open; another Changed event follows when it is done.
        }
    }

    private void Load()
    {
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in File.ReadAllLines(_path))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            var prefix = line[..separator].Trim();
            var upstream = line[(separator + 1)..].Trim();
            if (!prefix.StartsWith('/'))
            {
                prefix = "/" + prefix;
            }

            parsed[prefix] = upstream;
        }

        _routes.Clear();
        foreach (var pair in parsed)
        {
            _routes[pair.Key] = pair.Value;
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
