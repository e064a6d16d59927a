namespace Blind22.Avalanche.CheckIns;

public sealed record TourParty(string PartyId, string Leader, string Route, int Members, TimeSpan ExpectedDuration);

/// <summary>
/// Tracks backcountry parties that have checked out at the trailhead beacon station.
/// If a party does not check back in before its expected return, it is flagged overdue
/// for the patrol desk.
/// </summary>
public sealed class BeaconCheckInDesk : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, (TourParty Party, CancellationTokenSource Deadline)> _out = new();
    private readonly HashSet<string> _overdue = new();
    private readonly TimeSpan _grace;

    public BeaconCheckInDesk(TimeSpan grace) => _grace = grace;

    public event Action<TourParty>? PartyOverdue;

    public void CheckOut(TourParty party)
    {
        var deadline = new CancellationTokenSource();
        deadline.Token.Register(() =>
        {
            _overdue.Add(party.PartyId);
            PartyOverdue?.Invoke(party);
        });

        lock (_sync)
        {
            _out[party.PartyId] = (party, deadline);
        }

        deadline.CancelAfter(party.ExpectedDuration + _grace);
    }

    public bool CheckIn(string partyId)
    {
        CancellationTokenSource? deadline = null;
        lock (_sync)
        {
            if (_out.Remove(partyId, out var entry))
            {
                deadline = entry.Deadline;
            }
            _overdue.Remove(partyId);
        }

        if (deadline is null)
        {
            return false;
        }
        deadline.Dispose();
        return true;
    }

    public IReadOnlyCollection<string> OverdueParties()
    {
        lock (_sync)
        {
            return _overdue.ToArray();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (var (_, deadline) in _out.Values)
            {
                deadline.Dispose();
            }
            _out.Clear();
        }
    }
}
