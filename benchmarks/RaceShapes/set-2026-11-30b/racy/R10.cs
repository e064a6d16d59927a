namespace Blind2.R10;

public sealed class UpstreamOptions
{
    public List<Uri> Endpoints { get; } = new();
}

/// <summary>
/// Keeps the reverse proxy's upstream list in sync with upstreams.txt (one
/// URL per line). Registered as a singleton: the proxy middleware calls
/// <see cref="PickEndpoint"/> for every forwarded request, and the file
/// watcher reloads the list whenever an operator edits the file.
/// </summary>
public sealed class UpstreamConfigProvider : IDisposable
{
    private readonly string _path;
    private readonly UpstreamOptions _options = new();
    private readonly FileSystemWatcher _watcher;
    private int _roundRobin;

    public UpstreamConfigProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public Uri PickEndpoint()
    {
        var endpoints = _options.Endpoints;
        if (endpoints.Count == 0)
            throw new InvalidOperationException("No upstream endpoints are configured.");

        var index = (Interlocked.Increment(ref _roundRobin) & int.MaxValue) % endpoints.Count;
        return endpoints[index];
    }

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
        }
        catch (IOException)
        {
            // The editor may still hold the file open; the next Changed event retries.
        }
    }

    private void Load()
    {
        var parsed = new List<Uri>();
        foreach (var raw in File.ReadAllLines(_path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (Uri.TryCreate(line, UriKind.Absolute, out var uri))
                parsed.Add(uri);
        }

        if (parsed.Count == 0)
            return;

        _options.Endpoints.Clear();
        _options.Endpoints.AddRange(parsed);
    }

    public void Dispose() => _watcher.Dispose();
}

public sealed class ProxyForwarder
{
    private readonly UpstreamConfigProvider _upstreams;
    private readonly HttpClient _client;

    public ProxyForwarder(UpstreamConfigProvider upstreams, HttpClient client)
    {
        _upstreams = upstreams;
        _client = client;
    }

    public Task<HttpResponseMessage> ForwardAsync(HttpMethod method, string pathAndQuery, CancellationToken ct)
    {
        var target = new Uri(_upstreams.PickEndpoint(), pathAndQuery);
        return _client.SendAsync(new HttpRequestMessage(method, target), ct);
    }
}
