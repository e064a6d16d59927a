namespace Blind.R14;

/// <summary>
/// Maps file extensions to MIME types. Used by the static file handler on every
/// request, so lookups arrive from many request threads at the same time.
/// </summary>
public static class MimeTypeMap
{
    private const string DefaultMimeType = "application/octet-stream";

    private static readonly object Sync = new();
    private static Dictionary<string, string>? _map;

    public static string GetMimeType(string fileName)
    {
        string extension = Path.GetExtension(fileName);
        var map = EnsureLoaded();
        return map.TryGetValue(extension, out var mime) ? mime : DefaultMimeType;
    }

    private static Dictionary<string, string> EnsureLoaded()
    {
        if (_map == null)
        {
            lock (Sync)
            {
                if (_map == null)
                {
                    _map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (ext, mime) in BuiltIn())
                    {
                        _map[ext] = mime;
                    }

                    // Optional "ext=mime" file that extends the built-in table.
                    var path = Environment.GetEnvironmentVariable("MIME_OVERRIDES");
                    if (!string.IsNullOrEmpty(path) && File.Exists(path))
                    {
                        foreach (var line in File.ReadLines(path))
                        {
                            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                            if (parts.Length == 2 && parts[0].StartsWith('.'))
                            {
                                _map[parts[0]] = parts[1];
                            }
                        }
                    }
                }
            }
        }

        return _map;
    }

    private static IEnumerable<(string, string)> BuiltIn()
    {
        yield return (".html", "text/html");
        yield return (".css", "text/css");
        yield return (".js", "text/javascript");
        yield return (".json", "application/json");
        yield return (".png", "image/png");
        yield return (".jpg", "image/jpeg");
        yield return (".svg", "image/svg+xml");
        yield return (".woff2", "font/woff2");
        yield return (".wasm", "application/wasm");
    }
}
