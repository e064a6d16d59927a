namespace Blind10.StaticFiles.ContentTypes;

/// <summary>
/// Process-wide mapping from file extensions to MIME types. Plugins may register extra
/// mappings at any time; the static file handler looks types up for every response.
/// </summary>
public static class ContentTypeMap
{
    private const string Fallback = "application/octet-stream";

    private static readonly object s_sync = new();
    private static readonly Dictionary<string, string> s_map = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".woff2"] = "font/woff2",
    };
    private static int s_customRegistrations;

    public static string Lookup(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        lock (s_sync)
        {
            return s_map.TryGetValue(extension, out var type) ? type : Fallback;
        }
    }

    public static void Register(string extension, string contentType)
    {
        if (!extension.StartsWith('.'))
        {
            extension = "." + extension;
        }

        lock (s_sync)
        {
            s_map[extension] = contentType;
            s_customRegistrations++;
        }
    }

    public static int CustomRegistrations
    {
        get
        {
            lock (s_sync)
            {
                return s_customRegistrations;
            }
        }
    }
}

public sealed class StaticFileResponder
{
    private readonly string _webRoot;

    public StaticFileResponder(string webRoot) => _webRoot = Path.GetFullPath(webRoot);

    public async Task<(int Status, string ContentType)> ServeAsync(string requestPath, Stream body, CancellationToken ct)
    {
        var fullPath = Path.GetFullPath(Path.Combine(_webRoot, requestPath.TrimStart('/')));
        if (!fullPath.StartsWith(_webRoot, StringComparison.Ordinal) || !File.Exists(fullPath))
        {
            return (404, "text/plain");
        }

        await using var file = File.OpenRead(fullPath);
        await file.CopyToAsync(body, ct).ConfigureAwait(false);
        return (200, ContentTypeMap.Lookup(fullPath));
    }
}
