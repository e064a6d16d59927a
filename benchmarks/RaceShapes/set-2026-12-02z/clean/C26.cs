namespace Blind26.HoneyCoop.Inspections;

public sealed record HiveInspection(int HiveNumber, DateOnly Date, bool QueenSeen, int BroodFrames, string Notes);

/// <summary>
/// Keeps the most recent inspection per hive for the co-op's apiary app. Inspectors post
/// from the field through the API while a maintenance timer shrinks the cache at night.
/// </summary>
public sealed class HiveInspectionCache : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<int, HiveInspection> _latest = new();
    private readonly Queue<int> _insertionOrder = new();
    private readonly Timer _maintenance;
    private int _capacity;

    public HiveInspectionCache(int capacity)
    {
        _capacity = capacity;
        _maintenance = new Timer(_ => Evict(lockTaken: false), null, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
    }

    public void Record(HiveInspection inspection)
    {
        lock (_sync)
        {
            if (!_latest.ContainsKey(inspection.HiveNumber))
            {
                _insertionOrder.Enqueue(inspection.HiveNumber);
            }

            _latest[inspection.HiveNumber] = inspection;
            Evict(lockTaken: true);
        }
    }

    public HiveInspection? Latest(int hive)
    {
        lock (_sync)
        {
            return _latest.TryGetValue(hive, out var i) ? i : null;
        }
    }

    public void Resize(int capacity)
    {
        lock (_sync)
        {
            _capacity = capacity;
            Evict(lockTaken: true);
        }
    }

    public IReadOnlyList<int> HivesWithoutQueen()
    {
        lock (_sync)
        {
            return _latest.Values.Where(i => !i.QueenSeen).Select(i => i.HiveNumber).OrderBy(n => n).ToList();
        }
    }

    /// <param name="lockTaken">Whether the caller already holds the cache lock.</param>
    private void Evict(bool lockTaken)
    {
        if (!lockTaken)
        {
            lock (_sync)
            {
                EvictCore();
            }

            return;
        }

        EvictCore();
    }

    private void EvictCore()
    {
        while (_latest.Count > _capacity && _insertionOrder.Count > 0)
        {
            int oldest = _insertionOrder.Dequeue();
            _latest.Remove(oldest);
        }
    }

    public void Dispose() => _maintenance.Dispose();
}
