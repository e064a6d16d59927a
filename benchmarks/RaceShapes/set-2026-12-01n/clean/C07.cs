namespace FitnessSync.Heartrate;

public sealed record HeartRateSample(DateTime TakenUtc, int Bpm);

public interface IHeartRateSource
{
    string UserId { get; }
    Task<IReadOnlyList<HeartRateSample>> ReadSinceAsync(DateTime sinceUtc, CancellationToken ct);
}

/// <summary>
/// Pulls heart-rate samples from one strap or watch. Several sessions can run at once for
/// the same user; the per-user watermark is shared between them.
/// </summary>
public sealed class HeartRateSyncSession
{
    private static readonly object s_watermarkLock = new();
    private static readonly Dictionary<string, DateTime> s_watermarks = new(StringComparer.Ordinal);

    private readonly IHeartRateSource _source;

    public HeartRateSyncSession(IHeartRateSource source) => _source = source;

    public async Task<IReadOnlyList<HeartRateSample>> PullAsync(CancellationToken ct)
    {
        DateTime since;
        lock (s_watermarkLock)
        {
            since = s_watermarks.TryGetValue(_source.UserId, out var mark) ? mark : DateTime.UtcNow.AddHours(-24);
        }

        var samples = await _source.ReadSinceAsync(since, ct).ConfigureAwait(false);
        var fresh = samples.Where(s => s.TakenUtc > since).OrderBy(s => s.TakenUtc).ToList();

        if (fresh.Count > 0)
        {
            lock (s_watermarkLock)
            {
                var newest = fresh[^1].TakenUtc;
                if (!s_watermarks.TryGetValue(_source.UserId, out var current) || current < newest)
                {
                    s_watermarks[_source.UserId] = newest;
                }
            }
        }

        return fresh;
    }

    public static DateTime? WatermarkFor(string userId)
    {
        lock (s_watermarkLock)
        {
            return s_watermarks.TryGetValue(userId, out var mark) ? mark : null;
        }
    }
}

public static class HeartRateSyncRunner
{
    public static async Task<int> SyncAllAsync(IEnumerable<IHeartRateSource> sources, CancellationToken ct)
    {
        var results = await Task.WhenAll(sources.Select(s => Task.Run(() => new HeartRateSyncSession(s).PullAsync(ct), ct)));
        return results.Sum(r => r.Count);
    }
}
