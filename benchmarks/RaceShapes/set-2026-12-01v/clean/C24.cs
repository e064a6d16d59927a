using System.Threading.Channels;

namespace Blind22.Recycling.Optics;

public enum Stream { Paper, Plastic, Metal, Glass, Reject }

public sealed record CameraFrame(int Belt, long FrameNumber, byte[] Pixels);

public sealed record ShiftTally(IReadOnlyDictionary<Stream, long> Counts, long FramesSeen);

/// <summary>
/// Classifies camera frames from the sorting belts on several workers and returns the
/// shift tally once the cameras stop.
/// </summary>
public sealed class OpticalSortPipeline
{
    private readonly Func<CameraFrame, Stream> _classify;
    private readonly int _workers;

    public OpticalSortPipeline(Func<CameraFrame, Stream> classify, int workers)
    {
        _classify = classify;
        _workers = workers;
    }

    public async Task<ShiftTally> RunAsync(ChannelReader<CameraFrame> frames, CancellationToken ct)
    {
        var workerTasks = Enumerable.Range(0, _workers)
            .Select(_ => Task.Run(() => WorkAsync(frames, ct), ct))
            .ToArray();

        var partials = await Task.WhenAll(workerTasks).ConfigureAwait(false);

        var totals = new Dictionary<Stream, long>();
        long frameCount = 0;
        foreach (var (counts, seen) in partials)
        {
            frameCount += seen;
            foreach (var (stream, n) in counts)
            {
                totals[stream] = totals.GetValueOrDefault(stream) + n;
            }
        }
        return new ShiftTally(totals, frameCount);
    }

    private async Task<(Dictionary<Stream, long> Counts, long Seen)> WorkAsync(ChannelReader<CameraFrame> frames, CancellationToken ct)
    {
        var counts = new Dictionary<Stream, long>();
        long seen = 0;
        while (await frames.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (frames.TryRead(out var frame))
            {
                seen++;
                var stream = _classify(frame);
                counts[stream] = counts.GetValueOrDefault(stream) + 1;
            }
        }
        return (counts, seen);
    }
}
