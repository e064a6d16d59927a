using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind52.Bonsai.Registry;

public sealed record BonsaiSpecimen(string Tag, string Species, int AgeYears, string Bench, DateOnly LastRepotted);

/// <summary>
/// In-memory registry of the nursery's specimen trees, indexed by tag and by
/// bench. Lookups from the sales floor and the care app vastly outnumber
/// updates, so it uses a reader/writer lock. Shared by all request handlers.
/// </summary>
public sealed class SpecimenRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, BonsaiSpecimen> _byTag = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _tagsByBench = new(StringComparer.OrdinalIgnoreCase);

    public BonsaiSpecimen? Find(string tag)
    {
        _lock.EnterReadLock();
        try
        {
            return _byTag.TryGetValue(tag, out var specimen) ? specimen : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<BonsaiSpecimen> OnBench(string bench)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_tagsByBench.TryGetValue(bench, out var tags))
            {
                return Array.Empty<BonsaiSpecimen>();
            }

            var result = new List<BonsaiSpecimen>(tags.Count);
            foreach (var tag in tags)
            {
                result.Add(_byTag[tag]);
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(BonsaiSpecimen specimen)
    {
        _lock.EnterWriteLock();
        try
        {
            UpsertLocked(specimen);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool MoveToBench(string tag, string bench)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_byTag.TryGetValue(tag, out var specimen) || string.Equals(specimen.Bench, bench, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                UpsertLocked(specimen with { Bench = bench });
                return true;
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

    private void UpsertLocked(BonsaiSpecimen specimen)
    {
        if (_byTag.TryGetValue(specimen.Tag, out var previous) && _tagsByBench.TryGetValue(previous.Bench, out var oldTags))
        {
            oldTags.Remove(specimen.Tag);
        }

        _byTag[specimen.Tag] = specimen;
        if (!_tagsByBench.TryGetValue(specimen.Bench, out var tags))
        {
            tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _tagsByBench[specimen.Bench] = tags;
        }

        tags.Add(specimen.Tag);
    }

    public void Dispose() => _lock.Dispose();
}
