namespace Blind29.Beekeeping.Inspections;

public sealed record HiveInspection(string HiveId, DateOnly Date, bool QueenSeen, int BroodFrames, bool SwarmCells);

public sealed class SwarmAlertEventArgs : EventArgs
{
    public SwarmAlertEventArgs(string hiveId, DateOnly seenOn)
    {
        HiveId = hiveId;
        SeenOn = seenOn;
    }

    public string HiveId { get; }
    public DateOnly SeenOn { get; }
}

/// <summary>
/// Apiary inspection log. Inspections are uploaded from several beekeepers' phones
/// at once; the association's dashboard reads summaries.
/// </summary>
public sealed class ApiaryLog
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<HiveInspection>> _byHive = new();
    private int _swarmAlerts;

    private EventHandler<SwarmAlertEventArgs>? _swarmCellsFound;

    public event EventHandler<SwarmAlertEventArgs>? SwarmCellsFound
    {
        add { lock (_sync) { _swarmCellsFound += value; } }
        remove { lock (_sync) { _swarmCellsFound -= value; } }
    }

    public void Record(HiveInspection inspection)
    {
        bool raise;
        EventHandler<SwarmAlertEventArgs>? handler;
        lock (_sync)
        {
            if (!_byHive.TryGetValue(inspection.HiveId, out var list))
            {
                list = new List<HiveInspection>();
                _byHive[inspection.HiveId] = list;
            }

            var previous = list.Count > 0 ? list[^1] : null;
            list.Add(inspection);
            raise = inspection.SwarmCells && previous is not { SwarmCells: true };
            if (raise)
            {
                _swarmAlerts++;
            }

            handler = _swarmCellsFound;
        }

        if (raise)
        {
            handler?.Invoke(this, new SwarmAlertEventArgs(inspection.HiveId, inspection.Date));
        }
    }

    public HiveInspection? Latest(string hiveId)
    {
        lock (_sync)
        {
            return _byHive.TryGetValue(hiveId, out var list) && list.Count > 0 ? list[^1] : null;
        }
    }

    public (int Hives, int Inspections, int SwarmAlerts) Summary()
    {
        lock (_sync)
        {
            return (_byHive.Count, _byHive.Values.Sum(l => l.Count), _swarmAlerts);
        }
    }

    public IReadOnlyList<string> QueenlessHives()
    {
        lock (_sync)
        {
            return _byHive
                .Where(h => h.Value.Count >= 2 && h.Value.TakeLast(2).All(i => !i.QueenSeen))
                .Select(h => h.Key)
                .ToList();
        }
    }
}
