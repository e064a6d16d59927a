using System.Collections.Generic;
using System.Threading;

namespace Blind47.TeaPlantation.Plucking;

public sealed record PluckingRecord(string FieldCode, DateOnly Day, double KilosGreenLeaf, int PluckerCount);

/// <summary>
/// In-memory store of plucking records for the estate dashboard. One instance is
/// shared by every request handler in the estate office web app.
/// </summary>
public sealed class PluckingRecordCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<PluckingRecord>> _byField = new();
    private readonly Dictionary<string, int> _lookupCounts = new();

    public void Add(PluckingRecord record)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byField.TryGetValue(record.FieldCode, out var list))
            {
                list = new List<PluckingRecord>();
                _byField[record.FieldCode] = list;
            }

            list.Add(record);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Returns the records for a field in the given date range. Lookups are
    /// counted so the office can see which fields the managers watch most.
    /// </summary>
    public IReadOnlyList<PluckingRecord> ForField(string fieldCode, DateOnly from, DateOnly to)
    {
        _lock.EnterReadLock();
        try
        {
            _lookupCounts.TryGetValue(fieldCode, out var seen);
            _lookupCounts[fieldCode] = seen + 1;

            if (!_byField.TryGetValue(fieldCode, out var list))
            {
                return Array.Empty<PluckingRecord>();
            }

            return list.Where(r => r.Day >= from && r.Day <= to).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<(string Field, int Lookups)> MostWatched(int top)
    {
        _lock.EnterReadLock();
        try
        {
            return _lookupCounts
                .OrderByDescending(kv => kv.Value)
                .Take(top)
                .Select(kv => (kv.Key, kv.Value))
                .ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public double TotalKilos(DateOnly day)
    {
        _lock.EnterReadLock();
        try
        {
            return _byField.Values.SelectMany(l => l).Where(r => r.Day == day).Sum(r => r.KilosGreenLeaf);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
