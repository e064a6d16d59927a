using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Blind43.Fireworks.Scripts;

public sealed record ScriptFile(string Path, string Show);

public sealed record ScriptDigest(string Path, string Sha256Hex, long Bytes);

/// <summary>
/// Before a display is fired, every firing-script file on the show laptop is hashed and compared
/// with the copy signed off by the display operator. Files are hashed in parallel with pooled buffers.
/// </summary>
public sealed class ScriptIntegrityChecker
{
    private const int ChunkSize = 64 * 1024;

    public async Task<IReadOnlyList<ScriptDigest>> HashAllAsync(IEnumerable<ScriptFile> files, CancellationToken ct)
    {
        var digests = new ConcurrentBag<ScriptDigest>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };

        await Parallel.ForEachAsync(files, options, async (file, token) =>
        {
            digests.Add(await HashFileAsync(file.Path, token).ConfigureAwait(false));
        }).ConfigureAwait(false);

        return digests.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
    }

    private static async Task<ScriptDigest> HashFileAsync(string path, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), ct).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                total += read;
            }

            return new ScriptDigest(path, Convert.ToHexString(sha.GetHashAndReset()), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: false);
        }
    }

    public static IReadOnlyList<string> Mismatches(IReadOnlyList<ScriptDigest> actual, IReadOnlyDictionary<string, string> signedOff)
    {
        var problems = new List<string>();
        foreach (var digest in actual)
        {
            if (!signedOff.TryGetValue(digest.Path, out var expected))
            {
                problems.Add($"{digest.Path}: not in the signed-off set");
            }
            else if (!string.Equals(expected, digest.Sha256Hex, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{digest.Path}: changed since sign-off");
            }
        }

        return problems;
    }
}
