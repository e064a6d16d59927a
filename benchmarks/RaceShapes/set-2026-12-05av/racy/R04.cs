namespace Blind48.JazzFestival.SetLists;

public sealed class TuneStats
{
    public TuneStats(string title) => Title = title;

    public string Title { get; }
    public int TimesPlayed;
}

/// <summary>
/// Counts how often each tune is played across all festival stages. Registered
/// as a singleton: each stage's set-list feed calls <see cref="RecordPlay"/> from
/// its own worker, and the festival app reads <see cref="MostPlayed"/>.
/// </summary>
public sealed class TunePlayCounter : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, TuneStats> _tunes = new(StringComparer.OrdinalIgnoreCase);

    public void RecordPlay(string title)
    {
        // Most tunes are already known, so try the cheap path first.
        _lock.EnterReadLock();
        try
        {
            if (_tunes.TryGetValue(title, out var existing))
            {
                existing.TimesPlayed++;
                return;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_tunes.TryGetValue(title, out var stats))
            {
                stats = new TuneStats(title);
                _tunes.Add(title, stats);
            }

            stats.TimesPlayed++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<(string Title, int Plays)> MostPlayed(int top)
    {
        _lock.EnterReadLock();
        try
        {
            return _tunes.Values
                .OrderByDescending(t => t.TimesPlayed)
                .ThenBy(t => t.Title, StringComparer.OrdinalIgnoreCase)
                .Take(top)
                .Select(t => (t.Title, t.TimesPlayed))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int DistinctTunes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _tunes.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>
/// Reads the stage's set-list feed and reports each tune as the band starts it.
/// </summary>
public sealed class StageFeedListener
{
    private readonly TunePlayCounter _counter;

    public StageFeedListener(TunePlayCounter counter) => _counter = counter;

    public Task ListenAsync(IAsyncEnumerable<string> feed, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var title in feed.WithCancellation(ct))
            {
                _counter.RecordPlay(title.Trim());
            }
        }, ct);
}
