using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind39.MuseumArchive.Catalog;

public sealed record ArchiveItem(string Accession, string Title, string Box, int Year);

/// <summary>
/// The reading-room catalogue. Shared by every archivist session in the app; lookups
/// vastly outnumber new accessions, so it uses a reader/writer lock.
/// </summary>
public sealed class ArchiveCatalog : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, ArchiveItem> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTime> _lastViewed = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ArchiveItem item)
    {
        _lock.EnterWriteLock();
        try
        {
            _items[item.Accession] = item;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public ArchiveItem? Find(string accession)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_items.TryGetValue(accession, out var item))
                return null;

            _lastViewed[accession] = DateTime.UtcNow;
            return item;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Items nobody has looked at since the cutoff; candidates for off-site storage.</summary>
    public IReadOnlyList<ArchiveItem> NotViewedSince(DateTime cutoffUtc)
    {
        _lock.EnterReadLock();
        try
        {
            return _items.Values
                .Where(i => !_lastViewed.TryGetValue(i.Accession, out var seen) || seen < cutoffUtc)
                .OrderBy(i => i.Box)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
