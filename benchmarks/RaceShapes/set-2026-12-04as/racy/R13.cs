namespace Blind45.Taxidermy.Collection;

public sealed record SpecimenView(string AccessionNumber, string CommonName, string Gallery, int Views);

/// <summary>
/// In-memory catalogue behind the museum's visitor kiosks and the curators' intranet.
/// Kiosks look specimens up constantly; curators occasionally add or move mounts.
/// Registered as a singleton.
/// </summary>
public sealed class MountCatalogue : IDisposable
{
    private sealed class Entry
    {
        public required string AccessionNumber { get; init; }
        public required string CommonName { get; init; }
        public string Gallery { get; set; } = "";
        public int Views;
    }

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public void AddOrMove(string accession, string commonName, string gallery)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_entries.TryGetValue(accession, out var existing))
            {
                existing.Gallery = gallery;
            }
            else
            {
                _entries[accession] = new Entry { AccessionNumber = accession, CommonName = commonName, Gallery = gallery };
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Kiosk lookup; also counts the view for the "most visited" board.</summary>
    public SpecimenView? Lookup(string accession)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_entries.TryGetValue(accession, out var entry))
            {
                return null;
            }

            entry.Views++;
            return new SpecimenView(entry.AccessionNumber, entry.CommonName, entry.Gallery, entry.Views);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<SpecimenView> MostVisited(int top)
    {
        _lock.EnterReadLock();
        try
        {
            return _entries.Values
                .OrderByDescending(e => e.Views)
                .Take(top)
                .Select(e => new SpecimenView(e.AccessionNumber, e.CommonName, e.Gallery, e.Views))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<SpecimenView> InGallery(string gallery)
    {
        _lock.EnterReadLock();
        try
        {
            return _entries.Values
                .Where(e => string.Equals(e.Gallery, gallery, StringComparison.OrdinalIgnoreCase))
                .Select(e => new SpecimenView(e.AccessionNumber, e.CommonName, e.Gallery, e.Views))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
