using System.Threading.Channels;

namespace Blind24.RegattaTiming;

public sealed class SplitTime
{
    public SplitTime(string heat, int lane, int markerMetres, TimeSpan elapsed)
    {
        Heat = heat;
        Lane = lane;
        MarkerMetres = markerMetres;
        Elapsed = elapsed;
    }

    public string Heat { get; }
    public int Lane { get; }
    public int MarkerMetres { get; }
    public TimeSpan Elapsed { get; }
}

/// <summary>
/// Receives 500 m split times from the course marker stations and feeds them to
/// the commentary screen. Marker stations push from their own threads; a single
/// consumer keeps per-lane state.
/// </summary>
public sealed class SplitFeed
{
    private readonly Channel<SplitTime> _channel = Channel.CreateUnbounded<SplitTime>(
        new UnboundedChannelOptions { SingleReader = true });

    public bool Publish(string heat, int lane, int marker, TimeSpan elapsed)
        => _channel.Writer.TryWrite(new SplitTime(heat, lane, marker, elapsed));

    public void Complete() => _channel.Writer.TryComplete();

    public async Task<IReadOnlyDictionary<int, string>> ConsumeAsync(Action<string> announce, CancellationToken ct)
    {
        var lastSplit = new Dictionary<int, SplitTime>();
        var leaderAtMarker = new Dictionary<int, TimeSpan>();

        await foreach (var split in _channel.Reader.ReadAllAsync(ct))
        {
            if (lastSplit.TryGetValue(split.Lane, out var previous) && previous.MarkerMetres >= split.MarkerMetres)
            {
                continue;
            }

            lastSplit[split.Lane] = split;

            if (!leaderAtMarker.TryGetValue(split.MarkerMetres, out var leaderTime))
            {
                leaderAtMarker[split.MarkerMetres] = split.Elapsed;
                announce($"Lane {split.Lane} leads at {split.MarkerMetres} m in {split.Elapsed:m\\:ss\\.ff}");
            }
            else
            {
                var gap = split.Elapsed - leaderTime;
                announce($"Lane {split.Lane} at {split.MarkerMetres} m, +{gap.TotalSeconds:F2}s");
            }
        }

        return lastSplit.ToDictionary(kv => kv.Key, kv => $"{kv.Value.MarkerMetres} m @ {kv.Value.Elapsed}");
    }
}

/// <summary>Simulates a marker station posting splits from a background thread.</summary>
public static class MarkerStation
{
    public static Task RunAsync(SplitFeed feed, string heat, int marker, IReadOnlyList<(int Lane, TimeSpan Time)> crossings)
    {
        return Task.Run(() =>
        {
            foreach (var (lane, time) in crossings)
            {
                feed.Publish(heat, lane, marker, time);
            }
        });
    }
}
