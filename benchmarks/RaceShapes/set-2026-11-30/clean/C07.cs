namespace Blind.C07;

public interface ICompressionCodec
{
    string Name { get; }

    Stream Wrap(Stream inner, bool compress);
}

public sealed class GzipCodec : ICompressionCodec
{
    public string Name => "gzip";

    public Stream Wrap(Stream inner, bool compress) => compress
        ? new System.IO.Compression.GZipStream(inner, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)
        : new System.IO.Compression.GZipStream(inner, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
}

public sealed class BrotliCodec : ICompressionCodec
{
    public string Name => "br";

    public Stream Wrap(Stream inner, bool compress) => compress
        ? new System.IO.Compression.BrotliStream(inner, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)
        : new System.IO.Compression.BrotliStream(inner, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>
/// Process-wide registry of compression codecs.
/// </summary>
public sealed class CodecRegistry
{
    private static readonly Lazy<CodecRegistry> LazyDefault = new(() => new CodecRegistry());

    private readonly object _gate = new();
    private readonly Dictionary<string, ICompressionCodec> _codecs = new(StringComparer.OrdinalIgnoreCase);

    private CodecRegistry()
    {
    }

    public static CodecRegistry Default => LazyDefault.Value;

    public void Register(ICompressionCodec codec)
    {
        lock (_gate)
        {
            _codecs[codec.Name] = codec;
        }
    }

    public ICompressionCodec? Find(string name)
    {
        lock (_gate)
        {
            return _codecs.TryGetValue(name, out var codec) ? codec : null;
        }
    }

    public string[] Names
    {
        get
        {
            lock (_gate)
            {
                return _codecs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            }
        }
    }
}

public static class CodecBootstrapper
{
    /// <summary>
    /// Registers codec plug-ins in parallel; some of them probe native libraries on construction.
    /// </summary>
    public static string[] RegisterAll(IEnumerable<Func<ICompressionCodec>> factories)
    {
        Parallel.ForEach(factories, factory => CodecRegistry.Default.Register(factory()));
        return CodecRegistry.Default.Names;
    }
}
