namespace Blind55.Racy.R04;

public sealed record SeatHold(string Seat, string TerminalId, DateTime ExpiresAt);

/// <summary>
/// Seat inventory for a single theatre performance. The box office terminals, the web shop
/// and the hold-expiry sweeper all work against the same instance.
/// </summary>
public sealed class PerformanceSeatMap
{
    private readonly object _holdGate = new();
    private readonly Dictionary<string, SeatHold> _holds = new();
    private readonly HashSet<string> _sold = new();

    public bool TryHold(string seat, string terminalId, TimeSpan ttl)
    {
        lock (_holdGate)
        {
            if (_sold.Contains(seat) || _holds.ContainsKey(seat))
            {
                return false;
            }

            _holds[seat] = new SeatHold(seat, terminalId, DateTime.UtcNow + ttl);
            return true;
        }
    }

    public bool Confirm(string seat, string terminalId)
    {
        lock (_holdGate)
        {
            if (!_holds.TryGetValue(seat, out var hold) || hold.TerminalId != terminalId)
            {
                return false;
            }

            _holds.Remove(seat);
            _sold.Add(seat);
            return true;
        }
    }

    /// <summary>Drops holds whose time ran out; called by <see cref="HoldExpirySweeper"/>.</summary>
    public int ReleaseExpired(DateTime now)
    {
        lock (this)
        {
            var expired = new List<string>();
            foreach (var hold in _holds.Values)
            {
                if (hold.ExpiresAt <= now)
                {
                    expired.Add(hold.Seat);
                }
            }

            foreach (var seat in expired)
            {
                _holds.Remove(seat);
            }

            return expired.Count;
        }
    }

    public int SoldCount
    {
        get { lock (_holdGate) return _sold.Count; }
    }
}

public sealed class HoldExpirySweeper : IDisposable
{
    private readonly Timer _timer;

    public HoldExpirySweeper(PerformanceSeatMap map)
    {
        _timer = new Timer(_ => map.ReleaseExpired(DateTime.UtcNow), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _timer.Dispose();
}
