namespace CrewRostering.Standby;

public sealed record StandbyDuty(string StaffId, string Base, DateTime FromUtc, DateTime ToUtc, string Rank);

public interface IRosterSource
{
    IReadOnlyList<StandbyDuty> StandbyDutiesFor(DateOnly day);
}

/// <summary>
/// Keeps a per-base count of standby crew for the operations control dashboard. The
/// recalculation is triggered by every roster change notification; if one is already
/// running the trigger is skipped, since the running pass will see the latest roster.
/// </summary>
public sealed class StandbyCoverageBoard
{
    private readonly object _recalcLock = new();
    private readonly IRosterSource _roster;
    private readonly Dictionary<string, int> _captainsByBase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _cabinCrewByBase = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _calculatedUtc;

    public StandbyCoverageBoard(IRosterSource roster) => _roster = roster;

    public bool TryRecalculate(DateOnly day)
    {
        if (!Monitor.TryEnter(_recalcLock))
        {
            return false;
        }

        try
        {
            _captainsByBase.Clear();
            _cabinCrewByBase.Clear();
            foreach (var duty in _roster.StandbyDutiesFor(day))
            {
                var target = duty.Rank == "CPT" ? _captainsByBase : _cabinCrewByBase;
                target[duty.Base] = target.GetValueOrDefault(duty.Base) + 1;
            }
            _calculatedUtc = DateTime.UtcNow;
            return true;
        }
        finally
        {
            Monitor.Exit(_recalcLock);
        }
    }

    public (int Captains, int CabinCrew, DateTime AsOfUtc) CoverageAt(string crewBase)
    {
        lock (_recalcLock)
        {
            return (_captainsByBase.GetValueOrDefault(crewBase), _cabinCrewByBase.GetValueOrDefault(crewBase), _calculatedUtc);
        }
    }
}

/// <summary>
/// Listens for roster change notifications from the crew management system.
/// </summary>
public sealed class RosterChangeListener
{
    private readonly StandbyCoverageBoard _board;

    public RosterChangeListener(StandbyCoverageBoard board) => _board = board;

    public void OnRosterChanged(object? sender, DateOnly day) =>
        ThreadPool.QueueUserWorkItem(_ => _board.TryRecalculate(day));
}
