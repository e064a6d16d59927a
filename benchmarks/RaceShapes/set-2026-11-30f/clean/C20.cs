using System.Security.Cryptography;
using System.Text;

namespace Storage.Keys;

/// <summary>
/// Builds stable storage keys from arbitrary strings. Called from every
/// upload and download request, so the scratch buffer is kept per thread.
/// </summary>
public static class StorageKeyBuilder
{
    private const int MaxStackChars = 256;

    [ThreadStatic]
    private static byte[]? t_scratch;

    public static string ForBlob(string container, string name)
    {
        var input = container + "/" + name;
        var buffer = RentScratch(Encoding.UTF8.GetMaxByteCount(input.Length));
        var written = Encoding.UTF8.GetBytes(input, buffer);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.AsSpan(0, written), hash);
        return container + "/" + Convert.ToHexString(hash[..12]).ToLowerInvariant();
    }

    public static string Normalize(string name)
    {
        if (name.Length > MaxStackChars)
        {
            return name.Trim().ToLowerInvariant().Replace('\\', '/');
        }

        Span<char> chars = stackalloc char[name.Length];
        var length = 0;
        foreach (var c in name.AsSpan().Trim())
        {
            chars[length++] = c == '\\' ? '/' : char.ToLowerInvariant(c);
        }

        return new string(chars[..length]);
    }

    private static byte[] RentScratch(int minimumLength)
    {
        var scratch = t_scratch;
        if (scratch == null || scratch.Length < minimumLength)
        {
            scratch = new byte[Math.Max(minimumLength, 1024)];
            t_scratch = scratch;
        }

        return scratch;
    }
}

public sealed class BlobGateway
{
    private readonly Func<string, Task<byte[]?>> _fetch;

    public BlobGateway(Func<string, Task<byte[]?>> fetch) => _fetch = fetch;

    public Task<byte[]?[]> DownloadManyAsync(string container, IEnumerable<string> names) =>
        Task.WhenAll(names.Select(name => Task.Run(() =>
            _fetch(StorageKeyBuilder.ForBlob(container, StorageKeyBuilder.Normalize(name))))));
}
