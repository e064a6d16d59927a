namespace Blind8.Web.StaticFiles;

/// <summary>
/// Process-wide mapping from file extensions to MIME types used by the static
/// file handler. Extensions can be added by modules at startup or later via
/// configuration reload; lookups happen on every static-file request.
/// </summary>
public static class MimeTypeMap
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, string> s_byExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".woff2"] = "font/woff2",
    };

    private static int s_customMappings;
    private static string s_fallback = "application/octet-stream";

    public static string GetMimeType(string path)
    {
        var extension = Path.GetExtension(path);
        lock (s_lock)
        {
            return s_byExtension.TryGetValue(extension, out var mime) ? mime : s_fallback;
        }
    }

    public static void AddMapping(string extension, string mimeType)
    {
        if (!extension.StartsWith('.'))
        {
            extension = "." + extension;
        }

        lock (s_lock)
        {
            if (!s_byExtension.ContainsKey(extension))
            {
                s_customMappings++;
            }

            s_byExtension[extension] = mimeType;
        }
    }

    public static void SetFallback(string mimeType)
    {
        lock (s_lock)
        {
            s_fallback = mimeType;
        }
    }

    public static int CustomMappingCount
    {
        get
        {
            lock (s_lock)
            {
                return s_customMappings;
            }
        }
    }
}

public sealed class StaticFileResponder
{
    private readonly string _root;

    public StaticFileResponder(string root) => _root = Path.GetFullPath(root);

    public async Task<(int Status, string ContentType, byte[] Body)> RespondAsync(string requestPath, CancellationToken ct)
    {
        var fullPath = Path.GetFullPath(Path.Combine(_root, requestPath.TrimStart('/')));
        if (!fullPath.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(fullPath))
        {
            return (404, "text/plain", "Not found"u8.ToArray());
        }

        var body = await File.ReadAllBytesAsync(fullPath, ct).ConfigureAwait(false);
        return (200, MimeTypeMap.GetMimeType(fullPath), body);
    }
}
