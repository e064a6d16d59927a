using System.Collections.Concurrent;

namespace Blind51.Velodromes.Timing;

public sealed record TrackRecord(string EventName, string Holder, TimeSpan Time, DateOnly SetOn);

public interface ITrackRecordSource
{
    Task<TrackRecord?> FetchAsync(string eventName, CancellationToken cancellationToken);
}

/// <summary>
/// Caches the current track record for each event so the timing board can show "record
/// pace" lines. Registered as a singleton in the timing service.
/// </summary>
public sealed class TrackRecordCache
{
    private readonly ITrackRecordSource _source;
    private readonly ConcurrentDictionary<string, Lazy<Task<TrackRecord?>>> _records = new(StringComparer.OrdinalIgnoreCase);

    public TrackRecordCache(ITrackRecordSource source) => _source = source;

    public async Task<TrackRecord?> GetAsync(string eventName)
    {
        var lazy = _records.GetOrAdd(eventName, name =>
            new Lazy<Task<TrackRecord?>>(() => _source.FetchAsync(name, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let the next caller try again rather than caching the failure.
            _records.TryRemove(new KeyValuePair<string, Lazy<Task<TrackRecord?>>>(eventName, lazy));
            throw;
        }
    }

    /// <summary>
    /// Called by the results service when a ride beats the record.
    /// </summary>
    public void RecordBroken(TrackRecord record)
    {
        var completed = new Lazy<Task<TrackRecord?>>(Task.FromResult<TrackRecord?>(record));
        _records[record.EventName] = completed;
    }
}

/// <summary>
/// Produces the "against record" line for a rider's split.
/// </summary>
public sealed class RecordPaceLine
{
    private readonly TrackRecordCache _cache;

    public RecordPaceLine(TrackRecordCache cache) => _cache = cache;

    public async Task<string> FormatAsync(string eventName, TimeSpan split, double fractionComplete)
    {
        var record = await _cache.GetAsync(eventName).ConfigureAwait(false);
        if (record is null) return "no record";

        var recordSplit = TimeSpan.FromTicks((long)(record.Time.Ticks * fractionComplete));
        var diff = split - recordSplit;
        var sign = diff < TimeSpan.Zero ? "-" : "+";
        return $"{sign}{diff.Duration():ss\\.fff} vs {record.Holder}";
    }
}
