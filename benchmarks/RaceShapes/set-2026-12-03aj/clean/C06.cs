namespace Blind36.TidalMill.Restoration;

public enum PartStatus { Surveyed, Removed, AtWorkshop, Refitted }

public sealed record MillPart(string Code, string Name, PartStatus Status, string? Notes);

/// <summary>
/// Register of the mill's machinery parts during restoration. Many volunteers look
/// things up from the site tablets while a few update statuses.
/// </summary>
public sealed class PartsRegister : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, MillPart> _parts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _history = new();

    public MillPart? Find(string code)
    {
        _rw.EnterReadLock();
        try
        {
            return _parts.TryGetValue(code, out var p) ? p : null;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyList<MillPart> WithStatus(PartStatus status)
    {
        _rw.EnterReadLock();
        try
        {
            return _parts.Values.Where(p => p.Status == status).OrderBy(p => p.Code).ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyList<string> History
    {
        get
        {
            _rw.EnterReadLock();
            try
            {
                return _history.ToArray();
            }
            finally
            {
                _rw.ExitReadLock();
            }
        }
    }

    public void Upsert(MillPart part, string volunteer)
    {
        _rw.EnterWriteLock();
        try
        {
            _parts[part.Code] = part;
            _history.Add($"{DateTime.UtcNow:u} {volunteer}: {part.Code} -> {part.Status}");
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public bool Advance(string code, string volunteer)
    {
        _rw.EnterUpgradeableReadLock();
        try
        {
            if (!_parts.TryGetValue(code, out var part) || part.Status == PartStatus.Refitted)
                return false;

            _rw.EnterWriteLock();
            try
            {
                var next = part with { Status = part.Status + 1 };
                _parts[code] = next;
                _history.Add($"{DateTime.UtcNow:u} {volunteer}: {code} -> {next.Status}");
                return true;
            }
            finally
            {
                _rw.ExitWriteLock();
            }
        }
        finally
        {
            _rw.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
