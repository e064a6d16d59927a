namespace Blind28.RailwaySignals.Block;

public sealed record BlockOccupancy(string Section, string Headcode, DateTime EnteredAt);

/// <summary>
/// Absolute-block register for a signal box: which sections are occupied and by which
/// train. The box's bell-code handler and the timeout monitor both work on it.
/// </summary>
public sealed class BlockRegister : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, BlockOccupancy> _occupied = new(StringComparer.OrdinalIgnoreCase);
    private readonly OccupancyTimeoutMonitor _monitor;

    public BlockRegister(TimeSpan overdueAfter, Action<BlockOccupancy> onOverdue)
    {
        _monitor = new OccupancyTimeoutMonitor(_sync, _occupied, overdueAfter, onOverdue);
    }

    public bool TrainEnteringSection(string section, string headcode)
    {
        lock (_sync)
        {
            return _occupied.TryAdd(section, new BlockOccupancy(section, headcode, DateTime.UtcNow));
        }
    }

    public bool TrainOutOfSection(string section, string headcode)
    {
        lock (_sync)
        {
            if (_occupied.TryGetValue(section, out var occ) && occ.Headcode == headcode)
            {
                return _occupied.Remove(section);
            }

            return false;
        }
    }

    public IReadOnlyList<BlockOccupancy> Occupied()
    {
        lock (_sync)
        {
            return _occupied.Values.ToList();
        }
    }

    public void Dispose() => _monitor.Dispose();
}

/// <summary>
/// Flags trains that have been in a section far longer than the running time, which
/// usually means a failure or a missed "train out of section" bell.
/// </summary>
internal sealed class OccupancyTimeoutMonitor : IDisposable
{
    private readonly object _sync;
    private readonly Dictionary<string, BlockOccupancy> _occupied;
    private readonly TimeSpan _overdueAfter;
    private readonly Action<BlockOccupancy> _onOverdue;
    private readonly HashSet<string> _alreadyReported = new();
    private readonly Timer _timer;

    public OccupancyTimeoutMonitor(object sync, Dictionary<string, BlockOccupancy> occupied, TimeSpan overdueAfter, Action<BlockOccupancy> onOverdue)
    {
        _sync = sync;
        _occupied = occupied;
        _overdueAfter = overdueAfter;
        _onOverdue = onOverdue;
        _timer = new Timer(Check, null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private void Check(object? state)
    {
        var overdue = new List<BlockOccupancy>();
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            _alreadyReported.RemoveWhere(key => !_occupied.ContainsKey(key));
            foreach (var occ in _occupied.Values)
            {
                if (now - occ.EnteredAt > _overdueAfter && _alreadyReported.Add(occ.Section))
                {
                    overdue.Add(occ);
                }
            }
        }

        foreach (var occ in overdue)
        {
            _onOverdue(occ);
        }
    }

    public void Dispose() => _timer.Dispose();
}
