namespace Media.Codecs;

public interface IImageCodec
{
    string MimeType { get; }
    IReadOnlyList<string> Extensions { get; }
    bool CanDecode(ReadOnlySpan<byte> header);
}

/// <summary>
/// Process-wide codec registry. Codecs register themselves from module initializers or
/// plugin loaders; lookups happen from request threads.
/// </summary>
public static class CodecRegistry
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, IImageCodec> s_byExtension = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<IImageCodec> s_all = new();
    private static int s_registrationVersion;

    public static int RegistrationVersion
    {
        get { lock (s_lock) return s_registrationVersion; }
    }

    public static void Register(IImageCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);

        lock (s_lock)
        {
            if (s_all.Any(c => c.MimeType == codec.MimeType))
                return;

            s_all.Add(codec);
            foreach (var ext in codec.Extensions)
                s_byExtension[NormalizeExtension(ext)] = codec;

            s_registrationVersion++;
        }
    }

    public static IImageCodec? FindByExtension(string extensionOrPath)
    {
        var ext = NormalizeExtension(Path.GetExtension(extensionOrPath) is { Length: > 0 } e ? e : extensionOrPath);
        lock (s_lock)
        {
            return s_byExtension.TryGetValue(ext, out var codec) ? codec : null;
        }
    }

    public static IImageCodec? Sniff(ReadOnlySpan<byte> header)
    {
        IImageCodec[] candidates;
        lock (s_lock)
        {
            candidates = s_all.ToArray();
        }

        foreach (var codec in candidates)
        {
            if (codec.CanDecode(header))
                return codec;
        }

        return null;
    }

    private static string NormalizeExtension(string ext) => ext.StartsWith('.') ? ext : "." + ext;
}

public sealed class PngCodec : IImageCodec
{
    private static ReadOnlySpan<byte> Signature => new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public string MimeType => "image/png";
    public IReadOnlyList<string> Extensions { get; } = new[] { "png" };
    public bool CanDecode(ReadOnlySpan<byte> header) => header.StartsWith(Signature);
}
