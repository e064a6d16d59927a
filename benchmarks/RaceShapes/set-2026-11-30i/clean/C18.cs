namespace StaticFiles.Serving;

/// <summary>
/// Maps file extensions to MIME types for the static file middleware. The
/// table is built on first use and then consulted for every request.
/// </summary>
public static class MimeTypeMap
{
    private static Dictionary<string, string>? s_map;
    private static object? s_initLock;
    private static bool s_initialized;

    public static string GetMimeType(string path)
    {
        var map = LazyInitializer.EnsureInitialized(ref s_map, ref s_initialized, ref s_initLock, BuildMap)!;
        var extension = Path.GetExtension(path);
        return extension.Length > 0 && map.TryGetValue(extension, out var mime)
            ? mime
            : "application/octet-stream";
    }

    public static bool IsCompressible(string path)
    {
        var mime = GetMimeType(path);
        return mime.StartsWith("text/", StringComparison.Ordinal)
            || mime is "application/json" or "application/javascript" or "image/svg+xml" or "application/xml";
    }

    private static Dictionary<string, string> BuildMap()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".html"] = "text/html",
            [".htm"] = "text/html",
            [".css"] = "text/css",
            [".js"] = "application/javascript",
            [".mjs"] = "application/javascript",
            [".json"] = "application/json",
            [".xml"] = "application/xml",
            [".txt"] = "text/plain",
            [".csv"] = "text/csv",
            [".svg"] = "image/svg+xml",
            [".png"] = "image/png",
            [".jpg"] = "image/jpeg",
            [".jpeg"] = "image/jpeg",
            [".gif"] = "image/gif",
            [".webp"] = "image/webp",
            [".ico"] = "image/x-icon",
            [".woff"] = "font/woff",
            [".woff2"] = "font/woff2",
            [".wasm"] = "application/wasm",
            [".pdf"] = "application/pdf",
            [".zip"] = "application/zip",
        };

        var overrides = Environment.GetEnvironmentVariable("STATICFILES_EXTRA_MIME");
        if (!string.IsNullOrEmpty(overrides))
        {
            foreach (var pair in overrides.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var idx = pair.IndexOf('=');
                if (idx > 0)
                {
                    map[pair[..idx].Trim()] = pair[(idx + 1)..].Trim();
                }
            }
        }

        return map;
    }
}

public sealed class StaticFileHandler
{
    private readonly string _root;

    public StaticFileHandler(string root) => _root = root;

    public (string ContentType, bool Compress, string FullPath) Describe(string requestPath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, requestPath.TrimStart('/')));
        return (MimeTypeMap.GetMimeType(full), MimeTypeMap.IsCompressible(full), full);
    }
}
