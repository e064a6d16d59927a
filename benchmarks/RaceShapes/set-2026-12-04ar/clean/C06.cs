namespace Blind44.OperaCostumes.Fittings;

public sealed record Costume(string Code, string Production, string Role, int ChestCm, int WaistCm);

public sealed record FittingPlan(string SingerId, IReadOnlyList<Costume> Candidates);

/// <summary>
/// Costume store catalogue used by wardrobe staff during rehearsal season. Shared by every
/// tablet session; lookups vastly outnumber catalogue edits.
/// </summary>
public sealed class CostumeCatalogue : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Costume> _costumes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FittingPlan> _planCache = new();

    public void Upsert(Costume costume)
    {
        _lock.EnterWriteLock();
        try
        {
            _costumes[costume.Code] = costume;
            _planCache.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Costume? Find(string code)
    {
        _lock.EnterReadLock();
        try
        {
            return _costumes.TryGetValue(code, out var c) ? c : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public FittingPlan PlanFor(string singerId, int chestCm, int waistCm)
    {
        var key = $"{singerId}:{chestCm}:{waistCm}";

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_planCache.TryGetValue(key, out var cached))
                return cached;

            var candidates = _costumes.Values
                .Where(c => Math.Abs(c.ChestCm - chestCm) <= 4 && Math.Abs(c.WaistCm - waistCm) <= 4)
                .OrderBy(c => Math.Abs(c.ChestCm - chestCm) + Math.Abs(c.WaistCm - waistCm))
                .ToList();
            var plan = new FittingPlan(singerId, candidates);

            _lock.EnterWriteLock();
            try
            {
                _planCache[key] = plan;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return plan;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyList<Costume> ForProduction(string production)
    {
        _lock.EnterReadLock();
        try
        {
            return _costumes.Values.Where(c => c.Production == production).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
