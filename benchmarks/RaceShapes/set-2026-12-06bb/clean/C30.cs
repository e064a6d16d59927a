using System.Buffers;

namespace Blind54.FilmDubbing.Conform;

public sealed record ConformProgress(int ReelsDone, int ReelsTotal, string LastReel);

public sealed record Reel(string Name, string AudioPath, int Channels);

/// <summary>
/// Conforms the dubbed dialogue stems of a film to the picture edit, one reel per task.
/// Reports progress through <see cref="IProgress{T}"/>; the handler supplied by the
/// console app may be invoked on any thread pool thread.
/// </summary>
public sealed class ReelConformer
{
    private const int ChunkSize = 1 << 16;

    public async Task<long> ConformAsync(IReadOnlyList<Reel> reels, IProgress<ConformProgress> progress, CancellationToken ct)
    {
        var done = 0;
        long totalPeak = 0;

        await Parallel.ForEachAsync(reels, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (reel, token) =>
            {
                var peak = await MeasurePeakAsync(reel, token);
                InterlockedMax(ref totalPeak, peak);
                var finished = Interlocked.Increment(ref done);
                progress.Report(new ConformProgress(finished, reels.Count, reel.Name));
            });

        return Interlocked.Read(ref totalPeak);
    }

    private static async Task<long> MeasurePeakAsync(Reel reel, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long peak = 0;
            await using var stream = File.OpenRead(reel.AudioPath);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    peak = Math.Max(peak, buffer[i]);
                }
            }

            return peak;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>Console front end: prints progress and keeps a log of finished reels.</summary>
public sealed class ConformConsole
{
    private readonly object _logLock = new();
    private readonly List<string> _finishedReels = new();

    public async Task RunAsync(ReelConformer conformer, IReadOnlyList<Reel> reels, CancellationToken ct)
    {
        var progress = new Progress<ConformProgress>(p =>
        {
            lock (_logLock)
            {
                _finishedReels.Add(p.LastReel);
                Console.WriteLine($"[{p.ReelsDone}/{p.ReelsTotal}] {p.LastReel} conformed");
            }
        });

        var peak = await conformer.ConformAsync(reels, progress, ct);
        lock (_logLock)
        {
            Console.WriteLine($"Peak sample {peak}; reels: {string.Join(", ", _finishedReels)}");
        }
    }
}
