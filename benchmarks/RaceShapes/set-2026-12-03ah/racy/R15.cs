namespace Blind34.Fencing.Schedule;

public sealed record PisteSchedule(int Piste, IReadOnlyList<string> Bouts, DateTimeOffset PublishedAt);

/// <summary>
/// Cache of the bout schedule for each piste. The referees' tablets and the
/// spectator screens read it constantly; the tournament office replaces a
/// piste's schedule whenever a pool finishes. Shared by all request threads.
/// </summary>
public sealed class BoutScheduleCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<int, Entry> _pistes = new();

    private sealed class Entry
    {
        public Entry(PisteSchedule schedule) => Schedule = schedule;

        public PisteSchedule Schedule { get; }
        public int Reads;
    }

    public PisteSchedule? Get(int piste)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_pistes.TryGetValue(piste, out var entry))
            {
                return null;
            }

            entry.Reads++;
            return entry.Schedule;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Publish(PisteSchedule schedule)
    {
        _lock.EnterWriteLock();
        try
        {
            _pistes[schedule.Piste] = new Entry(schedule);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Used by the office to decide which screens need the fastest refresh.</summary>
    public IReadOnlyList<(int Piste, int Reads)> Busiest(int top)
    {
        _lock.EnterReadLock();
        try
        {
            return _pistes
                .Select(kv => (kv.Key, kv.Value.Reads))
                .OrderByDescending(x => x.Reads)
                .Take(top)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
