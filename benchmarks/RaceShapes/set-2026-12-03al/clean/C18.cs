namespace Blind38.ClockRestoration.Tickets;

public enum RepairStage
{
    Received,
    Dismantled,
    Cleaning,
    Escapement,
    Regulating,
    ReadyForCollection,
}

public sealed record RepairTicket(string Id, string Customer, string Movement, RepairStage Stage, DateTime StageChangedUtc, string? BenchNote);

/// <summary>
/// The workshop's repair board. Shown on the front-counter screen and updated by the
/// restorers at their benches; all of these run concurrently against one instance.
/// </summary>
public sealed class RepairBoard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, RepairTicket> _tickets = new();
    private readonly int[] _countByStage = new int[Enum.GetValues<RepairStage>().Length];

    public void Receive(string id, string customer, string movement)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_tickets.TryAdd(id, new RepairTicket(id, customer, movement, RepairStage.Received, DateTime.UtcNow, null)))
            {
                _countByStage[(int)RepairStage.Received]++;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Advance(string id, RepairStage next, string? note)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_tickets.TryGetValue(id, out var ticket) || next <= ticket.Stage)
            {
                return false;
            }

            _countByStage[(int)ticket.Stage]--;
            _countByStage[(int)next]++;
            _tickets[id] = ticket with { Stage = next, StageChangedUtc = DateTime.UtcNow, BenchNote = note ?? ticket.BenchNote };
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyDictionary<RepairStage, int> StageCounts()
    {
        _lock.EnterReadLock();
        try
        {
            return Enum.GetValues<RepairStage>().ToDictionary(s => s, s => _countByStage[(int)s]);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<RepairTicket> Overdue(TimeSpan maxInStage)
    {
        var cutoff = DateTime.UtcNow - maxInStage;
        _lock.EnterReadLock();
        try
        {
            return _tickets.Values
                .Where(t => t.Stage != RepairStage.ReadyForCollection && t.StageChangedUtc < cutoff)
                .OrderBy(t => t.StageChangedUtc)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
