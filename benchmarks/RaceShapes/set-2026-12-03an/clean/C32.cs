using System.Collections.Concurrent;

namespace Blind40.Planetariums.Catalogue;

public sealed record StarRecord(int HipId, double RaDeg, double DecDeg, double Magnitude);

public sealed record ConversionResult(string File, int Stars, TimeSpan Took);

/// <summary>
/// Command-line tool that converts star catalogue chunks into the binary
/// format loaded by the dome projector. Files are converted concurrently;
/// results are gathered and printed once all conversions have finished.
/// </summary>
public static class CatalogueConverter
{
    public static async Task<int> RunAsync(string[] files, double magnitudeLimit, TextWriter output, CancellationToken ct)
    {
        var results = new ConcurrentBag<ConversionResult>();
        var failures = new ConcurrentQueue<string>();
        long totalStars = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(files, options, async (file, token) =>
        {
            var started = DateTime.UtcNow;
            try
            {
                var stars = await ReadChunkAsync(file, token).ConfigureAwait(false);
                var visible = stars.Where(s => s.Magnitude <= magnitudeLimit).ToArray();
                await WriteBinaryAsync(Path.ChangeExtension(file, ".stars"), visible, token).ConfigureAwait(false);

                Interlocked.Add(ref totalStars, visible.Length);
                results.Add(new ConversionResult(file, visible.Length, DateTime.UtcNow - started));
            }
            catch (Exception ex) when (ex is IOException or FormatException)
            {
                failures.Enqueue($"{file}: {ex.Message}");
            }
        }).ConfigureAwait(false);

        foreach (var r in results.OrderBy(r => r.File, StringComparer.Ordinal))
        {
            output.WriteLine($"{r.File,-40} {r.Stars,8} stars {r.Took.TotalMilliseconds,8:F0} ms");
        }
        foreach (var f in failures)
        {
            output.WriteLine($"FAILED {f}");
        }
        output.WriteLine($"Total: {totalStars} stars");
        return failures.IsEmpty ? 0 : 1;
    }

    private static async Task<List<StarRecord>> ReadChunkAsync(string file, CancellationToken ct)
    {
        var stars = new List<StarRecord>();
        using var reader = new StreamReader(file);
        string? line;
        while ((line = await reader.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
        {
            var p = line.Split('|');
            if (p.Length < 4)
            {
                continue;
            }
            stars.Add(new StarRecord(
                int.Parse(p[0]),
                double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)));
        }
        return stars;
    }

    private static Task WriteBinaryAsync(string path, StarRecord[] stars, CancellationToken ct) =>
        File.WriteAllBytesAsync(path, Encode(stars), ct);

    private static byte[] Encode(StarRecord[] stars)
    {
        var buffer = new byte[stars.Length * 28];
        for (int i = 0; i < stars.Length; i++)
        {
            var span = buffer.AsSpan(i * 28, 28);
            BitConverter.TryWriteBytes(span[..4], stars[i].HipId);
            BitConverter.TryWriteBytes(span[4..12], stars[i].RaDeg);
            BitConverter.TryWriteBytes(span[12..20], stars[i].DecDeg);
            BitConverter.TryWriteBytes(span[20..28], stars[i].Magnitude);
        }
        return buffer;
    }
}
