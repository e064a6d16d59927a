namespace Blind56.RollerRink.SkateHire;

public struct HireCounters
{
    public int Issued;
    public int Returned;
    public int Damaged;
    public int SizeSwaps;

    public readonly int OutOnFloor => Issued - Returned;
}

/// <summary>
/// Counts skate hire at the rink's hire counter. The counter tills (several at
/// busy sessions) record hires and returns; the manager's screen shows the totals.
/// </summary>
public sealed class SkateHireTally
{
    private readonly object _lock = new();
    private HireCounters _counters;
    private readonly Dictionary<int, int> _outBySize = new();

    public void Issue(int size)
    {
        lock (_lock)
        {
            _counters.Issued++;
            _outBySize[size] = _outBySize.GetValueOrDefault(size) + 1;
        }
    }

    public void Return(int size, bool damaged)
    {
        lock (_lock)
        {
            _counters.Returned++;
            if (damaged)
            {
                _counters.Damaged++;
            }

            _outBySize[size] = Math.Max(0, _outBySize.GetValueOrDefault(size) - 1);
        }
    }

    public void SwapSize(int from, int to)
    {
        lock (_lock)
        {
            _counters.SizeSwaps++;
            _outBySize[from] = Math.Max(0, _outBySize.GetValueOrDefault(from) - 1);
            _outBySize[to] = _outBySize.GetValueOrDefault(to) + 1;
        }
    }

    /// <summary>A copy of the counters as they stand now.</summary>
    public HireCounters Snapshot()
    {
        lock (_lock)
        {
            return _counters;
        }
    }

    public int OutInSize(int size)
    {
        lock (_lock)
        {
            return _outBySize.GetValueOrDefault(size);
        }
    }

    /// <summary>Called at the end of a session; returns the session's totals.</summary>
    public HireCounters EndSession()
    {
        lock (_lock)
        {
            HireCounters finished = _counters;
            _counters = new HireCounters { Issued = finished.OutOnFloor };
            return finished;
        }
    }
}

public static class ManagerScreen
{
    public static string Describe(SkateHireTally tally)
    {
        HireCounters c = tally.Snapshot();
        return $"Out: {c.OutOnFloor}  Issued: {c.Issued}  Returned: {c.Returned}  Damaged: {c.Damaged}  Swaps: {c.SizeSwaps}";
    }
}
