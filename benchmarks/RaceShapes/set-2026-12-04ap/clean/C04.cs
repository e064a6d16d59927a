using System.Buffers;

namespace Blind42.Glassblowing.Logs;

/// <summary>
/// Computes checksums of glory-hole temperature logs before they are archived.
/// </summary>
public static class KilnLogChecksums
{
    public static ulong[] ComputeAll(IReadOnlyList<string> paths)
    {
        var results = new ulong[paths.Count];

        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                using var stream = File.OpenRead(paths[i]);
                ulong hash = 14695981039346656037UL;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    for (var b = 0; b < read; b++)
                    {
                        hash = (hash ^ buffer[b]) * 1099511628211UL;
                    }
                }
                results[i] = hash;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });

        return results;
    }
}

/// <summary>Copies a log to the archive share, reusing a pooled buffer across awaits.</summary>
public sealed class KilnLogArchiver
{
    private readonly string _archiveRoot;

    public KilnLogArchiver(string archiveRoot) => _archiveRoot = archiveRoot;

    public async Task<long> ArchiveAsync(string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        long total = 0;
        try
        {
            await using var source = File.OpenRead(path);
            await using var target = File.Create(Path.Combine(_archiveRoot, Path.GetFileName(path)));
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
                progress?.Report(total);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return total;
    }

    public async Task<long> ArchiveDayAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var copies = paths.Select(p => ArchiveAsync(p, null, cancellationToken));
        var sizes = await Task.WhenAll(copies);
        return sizes.Sum();
    }
}
