using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Blind32.CoralReef.Hydrophones;

public sealed record AcousticSample(string Station, DateTimeOffset At, double SnappingShrimpIndex, double FishCallRate);

/// <summary>
/// Streams samples from the reef hydrophone stations. Each station is read by
/// its own task; samples are merged into a single stream for the consumer.
/// </summary>
public sealed class HydrophoneStream
{
    private readonly IReadOnlyList<string> _stations;
    private readonly Func<string, CancellationToken, Task<AcousticSample?>> _readNext;

    public HydrophoneStream(IReadOnlyList<string> stations, Func<string, CancellationToken, Task<AcousticSample?>> readNext)
    {
        _stations = stations;
        _readNext = readNext;
    }

    public async IAsyncEnumerable<AcousticSample> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<AcousticSample>(64);

        var readers = _stations.Select(station => Task.Run(async () =>
        {
            while (await _readNext(station, ct).ConfigureAwait(false) is { } sample)
                await channel.Writer.WriteAsync(sample, ct).ConfigureAwait(false);
        }, ct)).ToArray();

        _ = Task.WhenAll(readers).ContinueWith(
            t => channel.Writer.TryComplete(t.Exception?.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        await foreach (var sample in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            yield return sample;
    }
}

public sealed record SoundscapeSummary(int Samples, double MeanShrimpIndex, IReadOnlyDictionary<string, double> PeakFishCalls);

/// <summary>Reduces a night of hydrophone samples to a soundscape summary.</summary>
public sealed class SoundscapeSummarizer
{
    public async Task<SoundscapeSummary> SummarizeAsync(IAsyncEnumerable<AcousticSample> samples, CancellationToken ct)
    {
        var count = 0;
        var shrimpTotal = 0.0;
        var peaks = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        await foreach (var sample in samples.WithCancellation(ct).ConfigureAwait(false))
        {
            count++;
            shrimpTotal += sample.SnappingShrimpIndex;
            if (!peaks.TryGetValue(sample.Station, out var peak) || sample.FishCallRate > peak)
                peaks[sample.Station] = sample.FishCallRate;
        }

        return new SoundscapeSummary(count, count == 0 ? 0 : shrimpTotal / count, peaks);
    }
}
