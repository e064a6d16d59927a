namespace Blind60.CommunityRadio.Playout;

/// <summary>
/// Hands out sequence numbers for entries in the station's playout log.
/// Registered as a singleton; the playout engine, the studio console and the
/// scheduler all call <see cref="Next"/> on their own threads.
/// </summary>
public sealed class PlayoutSequenceGenerator
{
    private long _last;

    public PlayoutSequenceGenerator(long startAfter = 0)
    {
        _last = startAfter;
    }

    public long Next()
    {
        return ++_last;
    }

    public long Peek() => Interlocked.Read(ref _last);
}

public sealed record PlayoutEntry(long Sequence, DateTime AiredUtc, string Source, string Title);

public sealed class PlayoutLog
{
    private readonly PlayoutSequenceGenerator _sequence;
    private readonly System.Collections.Concurrent.ConcurrentQueue<PlayoutEntry> _entries = new();

    public PlayoutLog(PlayoutSequenceGenerator sequence) => _sequence = sequence;

    public PlayoutEntry Record(string source, string title)
    {
        var entry = new PlayoutEntry(_sequence.Next(), DateTime.UtcNow, source, title);
        _entries.Enqueue(entry);
        return entry;
    }

    public IReadOnlyList<PlayoutEntry> Tail(int count)
    {
        var all = _entries.ToArray();
        return all.Skip(Math.Max(0, all.Length - count)).ToArray();
    }
}

public static class PlayoutSources
{
    /// <summary>
    /// Starts the automation feed and the live studio feed; both write to the same log.
    /// </summary>
    public static Task RunFeedsAsync(PlayoutLog log, IReadOnlyList<string> automation, IReadOnlyList<string> live, CancellationToken ct)
    {
        var automationTask = Task.Run(async () =>
        {
            foreach (var track in automation)
            {
                ct.ThrowIfCancellationRequested();
                log.Record("automation", track);
                await Task.Delay(10, ct);
            }
        }, ct);

        var liveTask = Task.Run(async () =>
        {
            foreach (var item in live)
            {
                ct.ThrowIfCancellationRequested();
                log.Record("studio", item);
                await Task.Delay(15, ct);
            }
        }, ct);

        return Task.WhenAll(automationTask, liveTask);
    }
}
