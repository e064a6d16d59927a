namespace Blind54.CommunityGarden.Holds;

public enum HoldStatus
{
    Pending,
    Confirmed,
    Expired,
}

public sealed class PlotHold
{
    public PlotHold(string plotId, string memberId, DateTime expiresUtc)
    {
        PlotId = plotId;
        MemberId = memberId;
        ExpiresUtc = expiresUtc;
    }

    public string PlotId { get; }
    public string MemberId { get; }
    public DateTime ExpiresUtc { get; }
    public HoldStatus Status { get; set; } = HoldStatus.Pending;
}

/// <summary>
/// Keeps a garden plot on hold for a member while they finish the sign-up form and pay the
/// season fee. Shared by all requests of the allotment website; unconfirmed holds are swept
/// every few seconds.
/// </summary>
public sealed class PlotHoldBook : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, PlotHold> _holds = new();
    private readonly TimeSpan _holdFor;
    private readonly Timer _sweeper;

    public PlotHoldBook(TimeSpan holdFor)
    {
        _holdFor = holdFor;
        _sweeper = new Timer(_ => SweepExpired(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public PlotHold? TryHold(string plotId, string memberId)
    {
        lock (_sync)
        {
            if (_holds.ContainsKey(plotId))
            {
                return null;
            }

            var hold = new PlotHold(plotId, memberId, DateTime.UtcNow + _holdFor);
            _holds.Add(plotId, hold);
            return hold;
        }
    }

    public bool Confirm(string plotId, string memberId)
    {
        PlotHold? hold;
        lock (_sync)
        {
            _holds.TryGetValue(plotId, out hold);
        }

        if (hold is null || hold.MemberId != memberId)
        {
            return false;
        }

        lock (hold)
        {
            if (hold.Status != HoldStatus.Pending)
            {
                return false;
            }

            hold.Status = HoldStatus.Confirmed;
            return true;
        }
    }

    private void SweepExpired()
    {
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            var expired = new List<string>();
            foreach (var hold in _holds.Values)
            {
                if (hold.Status == HoldStatus.Pending && hold.ExpiresUtc <= now)
                {
                    hold.Status = HoldStatus.Expired;
                    expired.Add(hold.PlotId);
                }
            }

            foreach (var plotId in expired)
            {
                _holds.Remove(plotId);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
