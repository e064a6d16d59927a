using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Luthiers.Scans;

public sealed record ScanReceipt(string InstrumentId, string Plate, long Bytes, string Sha256);

/// <summary>
/// Uploads CT scans of violin top and back plates to the workshop archive. Several plates
/// are uploaded at once; every upload uses pooled buffers for the copy loop.
/// </summary>
public sealed class PlateScanUploader
{
    private const int BufferSize = 81920;
    private readonly Func<string, Stream> _openTarget;

    public PlateScanUploader(Func<string, Stream> openTarget) => _openTarget = openTarget;

    public async Task<ScanReceipt> UploadAsync(string instrumentId, string plate, Stream source, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        try
        {
            await using var target = _openTarget($"{instrumentId}/{plate}.dcm");
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                total += read;
            }
            await target.FlushAsync(ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new ScanReceipt(instrumentId, plate, total, Convert.ToHexString(hash.GetHashAndReset()));
    }

    public async Task<IReadOnlyList<ScanReceipt>> UploadInstrumentAsync(
        string instrumentId,
        IReadOnlyDictionary<string, Func<Stream>> plates,
        CancellationToken ct)
    {
        var receipts = new List<ScanReceipt>();
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = ct };

        await Parallel.ForEachAsync(plates, options, async (plate, token) =>
        {
            await using var source = plate.Value();
            var receipt = await UploadAsync(instrumentId, plate.Key, source, token);
            lock (gate)
            {
                receipts.Add(receipt);
            }
        });

        receipts.Sort((a, b) => string.CompareOrdinal(a.Plate, b.Plate));
        return receipts;
    }
}
