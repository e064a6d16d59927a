using System.Buffers;
using System.Runtime.CompilerServices;

namespace Blind53.KiteFestivals.Telemetry;

public readonly record struct LineTensionChunk(string Kite, int Sequence, int SampleCount, double PeakNewtons);

/// <summary>
/// gRPC-style server-streaming handler: reads raw line-tension samples uploaded by a kite's
/// logger and streams back per-chunk summaries. Many uploads are handled concurrently.
/// </summary>
public sealed class LineTensionStreamHandler
{
    private const int SamplesPerChunk = 1024;
    private long _chunksServed;

    public long ChunksServed => Interlocked.Read(ref _chunksServed);

    public async IAsyncEnumerable<LineTensionChunk> SummariseAsync(
        string kite,
        Stream upload,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(SamplesPerChunk * sizeof(float));
        try
        {
            int sequence = 0;
            while (true)
            {
                int read = await ReadChunkAsync(upload, buffer, SamplesPerChunk * sizeof(float), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    yield break;
                }

                int samples = read / sizeof(float);
                double peak = 0;
                for (int i = 0; i < samples; i++)
                {
                    float value = BitConverter.ToSingle(buffer, i * sizeof(float));
                    peak = Math.Max(peak, value);
                }

                Interlocked.Increment(ref _chunksServed);
                yield return new LineTensionChunk(kite, sequence++, samples, peak);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadChunkAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < count)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total - (total % sizeof(float));
    }
}

public static class TensionUploadServer
{
    public static Task<int[]> HandleAllAsync(LineTensionStreamHandler handler, IEnumerable<(string Kite, Stream Upload)> uploads)
    {
        return Task.WhenAll(uploads.Select(async u =>
        {
            int chunks = 0;
            await foreach (var chunk in handler.SummariseAsync(u.Kite, u.Upload))
            {
                if (chunk.PeakNewtons > 0)
                {
                    chunks++;
                }
            }

            return chunks;
        }));
    }
}
