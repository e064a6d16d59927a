namespace Blind43.MountainHuts.Guestbook;

public sealed record HutVisit(string Hut, string Party, int People, DateOnly Night);

/// <summary>
/// In-memory guest book for a network of mountain huts, used by rescue coordinators to see who
/// stayed where. Registered as a singleton; reads vastly outnumber writes.
/// </summary>
public sealed class HutGuestbook : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, List<HutVisit>> _visitsByHut = new(StringComparer.OrdinalIgnoreCase);

    public void Record(HutVisit visit)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_visitsByHut.TryGetValue(visit.Hut, out var visits))
            {
                visits = new List<HutVisit>();
                _visitsByHut.Add(visit.Hut, visits);
            }

            visits.Add(visit);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Visits recorded at one hut.</summary>
    public IReadOnlyList<HutVisit> VisitsAt(string hut)
    {
        _lock.EnterReadLock();
        try
        {
            return _visitsByHut.TryGetValue(hut, out var visits) ? visits.ToArray() : Array.Empty<HutVisit>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<HutVisit> LastSeen(string party)
    {
        _lock.EnterReadLock();
        try
        {
            return _visitsByHut.Values
                .SelectMany(v => v)
                .Where(v => string.Equals(v.Party, party, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(v => v.Night)
                .Take(5)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Drops visits older than the retention period, after checking whether anything is due.</summary>
    public int Prune(DateOnly olderThan)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            var due = _visitsByHut.Values.Any(v => v.Any(x => x.Night < olderThan));
            if (!due)
            {
                return 0;
            }

            _lock.EnterWriteLock();
            try
            {
                var removed = 0;
                foreach (var visits in _visitsByHut.Values)
                {
                    removed += visits.RemoveAll(v => v.Night < olderThan);
                }

                return removed;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
