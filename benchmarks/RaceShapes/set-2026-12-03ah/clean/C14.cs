using System.Buffers;
using System.Security.Cryptography;

namespace Blind34.CiderPress.Batches;

public sealed record PressBatch(string Id, string Path);

public sealed record BatchDigest(string Id, long Bytes, string Sha256);

/// <summary>
/// Fingerprints the press log files for each batch of cider before they are
/// sent to the excise office.
/// </summary>
public sealed class PressLogFingerprinter
{
    private readonly int _bufferSize;

    public PressLogFingerprinter(int bufferSize = 64 * 1024) => _bufferSize = bufferSize;

    public async Task<IReadOnlyList<BatchDigest>> FingerprintAllAsync(IEnumerable<PressBatch> batches, CancellationToken ct)
    {
        var tasks = batches.Select(b => FingerprintAsync(b, ct)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public async Task<BatchDigest> FingerprintAsync(PressBatch batch, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var stream = new FileStream(batch.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, _bufferSize), ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return new BatchDigest(batch.Id, total, Convert.ToHexString(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Batches whose press log no longer matches the digest filed with the excise office.</summary>
    public async Task<IReadOnlyList<string>> ChangedSinceAsync(
        IEnumerable<PressBatch> batches, IReadOnlyDictionary<string, string> filed, CancellationToken ct)
    {
        var current = await FingerprintAllAsync(batches, ct).ConfigureAwait(false);
        return current
            .Where(d => !filed.TryGetValue(d.Id, out var old) || !string.Equals(old, d.Sha256, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Id)
            .ToList();
    }
}
