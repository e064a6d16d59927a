using System.IO.Compression;

namespace Blind2.C23;

public interface ICompressionCodec
{
    string Name { get; }
    Stream Wrap(Stream inner, CompressionMode mode);
}

/// <summary>
/// Process-wide registry of compression codecs, looked up by the
/// Content-Encoding name. Extensions may register extra codecs at start-up
/// while requests are already being served.
/// </summary>
public static class CodecRegistry
{
    private static readonly object s_sync = new();
    private static readonly Dictionary<string, ICompressionCodec> s_codecs = new(StringComparer.OrdinalIgnoreCase);
    private static int s_version;

    static CodecRegistry()
    {
        Register(new GzipCodec());
        Register(new BrotliCodec());
    }

    public static void Register(ICompressionCodec codec)
    {
        lock (s_sync)
        {
            s_codecs[codec.Name] = codec;
            s_version++;
        }
    }

    public static bool TryGet(string name, out ICompressionCodec? codec)
    {
        lock (s_sync)
        {
            return s_codecs.TryGetValue(name, out codec);
        }
    }

    public static (int Version, string[] Names) Describe()
    {
        lock (s_sync)
        {
            return (s_version, s_codecs.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray());
        }
    }

    private sealed class GzipCodec : ICompressionCodec
    {
        public string Name => "gzip";
        public Stream Wrap(Stream inner, CompressionMode mode) => new GZipStream(inner, mode, leaveOpen: true);
    }

    private sealed class BrotliCodec : ICompressionCodec
    {
        public string Name => "br";
        public Stream Wrap(Stream inner, CompressionMode mode) => new BrotliStream(inner, mode, leaveOpen: true);
    }
}

public static class ResponseCompressor
{
    public static Task<byte[][]> CompressAllAsync(IEnumerable<(string Encoding, byte[] Body)> responses)
        => Task.WhenAll(responses.Select(r => Task.Run(() => Compress(r.Encoding, r.Body))));

    private static byte[] Compress(string encoding, byte[] body)
    {
        if (!CodecRegistry.TryGet(encoding, out var codec) || codec is null)
            return body;

        using var output = new MemoryStream();
        using (var stream = codec.Wrap(output, CompressionMode.Compress))
            stream.Write(body);
        return output.ToArray();
    }
}
