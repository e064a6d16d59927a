using System.Buffers;
using System.Collections.Concurrent;

namespace Blind37.Bookbinding.Scans;

public sealed record SignatureChecksum(string File, long Bytes, uint Adler32);

/// <summary>
/// Checksums the page scans of each folded signature before a rebinding job, so the
/// conservator can prove later that no scan was altered. Files are processed in parallel;
/// every file gets its own pooled read buffer for the duration of its checksum.
/// </summary>
public sealed class SignatureScanChecksummer
{
    private const int BufferSize = 81920;
    private readonly int _maxParallelism;
    private long _totalBytes;

    public SignatureScanChecksummer(int maxParallelism) => _maxParallelism = maxParallelism;

    public long TotalBytesRead => Interlocked.Read(ref _totalBytes);

    public async Task<IReadOnlyList<SignatureChecksum>> ChecksumAllAsync(
        IEnumerable<string> files, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<SignatureChecksum>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(files, options, async (file, ct) =>
        {
            var checksum = await ChecksumFileAsync(file, ct).ConfigureAwait(false);
            results.Add(checksum);
            progress?.Report(file);
        }).ConfigureAwait(false);

        return results.OrderBy(r => r.File, StringComparer.Ordinal).ToArray();
    }

    private async Task<SignatureChecksum> ChecksumFileAsync(string file, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            uint a = 1, b = 0;
            long length = 0;
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    a = (a + buffer[i]) % 65521;
                    b = (b + a) % 65521;
                }
                length += read;
                Interlocked.Add(ref _totalBytes, read);
            }
            return new SignatureChecksum(file, length, (b << 16) | a);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>Compares today's checksums against the ones recorded when the book came in.</summary>
public static class ChecksumComparer
{
    public static IReadOnlyList<string> Changed(IEnumerable<SignatureChecksum> before, IEnumerable<SignatureChecksum> after)
    {
        var original = before.ToDictionary(c => c.File, StringComparer.Ordinal);
        return after
            .Where(c => !original.TryGetValue(c.File, out var o) || o.Adler32 != c.Adler32 || o.Bytes != c.Bytes)
            .Select(c => c.File)
            .ToArray();
    }
}
