namespace StaticFiles.Content;

/// <summary>
/// Maps file extensions to MIME types for the static file middleware. Applications can register
/// extra mappings at any time (plugins do so when they load); lookups happen on every request.
/// </summary>
public static class MimeTypeMap
{
    private static readonly object Sync = new();

    private static readonly Dictionary<string, string> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".svg"] = "image/svg+xml",
        [".woff2"] = "font/woff2",
    };

    private static int _customRegistrations;

    public const string DefaultMimeType = "application/octet-stream";

    public static void Register(string extension, string mimeType)
    {
        if (!extension.StartsWith('.'))
        {
            extension = "." + extension;
        }

        lock (Sync)
        {
            Mappings[extension] = mimeType;
            _customRegistrations++;
        }
    }

    public static bool TryGetMimeType(string path, out string mimeType)
    {
        var extension = Path.GetExtension(path);
        lock (Sync)
        {
            if (extension.Length > 0 && Mappings.TryGetValue(extension, out var found))
            {
                mimeType = found;
                return true;
            }
        }

        mimeType = DefaultMimeType;
        return false;
    }

    public static string GetMimeType(string path) => TryGetMimeType(path, out var mimeType) ? mimeType : DefaultMimeType;

    public static int CustomRegistrationCount
    {
        get
        {
            lock (Sync)
            {
                return _customRegistrations;
            }
        }
    }
}
