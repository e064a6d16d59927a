using System.Collections.Concurrent;

namespace Blind54.CommunityGarden.ToolShed;

/// <summary>A reservation of a shared garden tool (rotavator, hedge trimmer, ...).</summary>
public sealed class ToolReservation
{
    private const int Pending = 0;
    private const int Confirmed = 1;
    private const int Expired = 2;

    private int _state = Pending;

    public ToolReservation(string toolId, string memberId, DateTime expiresUtc)
    {
        ToolId = toolId;
        MemberId = memberId;
        ExpiresUtc = expiresUtc;
    }

    public string ToolId { get; }
    public string MemberId { get; }
    public DateTime ExpiresUtc { get; }

    public bool IsConfirmed => Volatile.Read(ref _state) == Confirmed;

    public bool TryConfirm() => Interlocked.CompareExchange(ref _state, Confirmed, Pending) == Pending;

    public bool TryExpire(DateTime nowUtc) =>
        nowUtc >= ExpiresUtc && Interlocked.CompareExchange(ref _state, Expired, Pending) == Pending;
}

/// <summary>
/// Tool-shed booking used by the garden's members app. Members reserve a tool and have ten
/// minutes to confirm the pick-up slot; a timer releases stale reservations. All members of
/// this type are called from concurrent web requests.
/// </summary>
public sealed class ToolShedBookings : IDisposable
{
    private readonly ConcurrentDictionary<string, ToolReservation> _byTool = new();
    private readonly Timer _expiryTimer;
    private readonly TimeSpan _holdFor;

    public ToolShedBookings(TimeSpan holdFor)
    {
        _holdFor = holdFor;
        _expiryTimer = new Timer(_ => ReleaseExpired(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    public ToolReservation? TryReserve(string toolId, string memberId)
    {
        var reservation = new ToolReservation(toolId, memberId, DateTime.UtcNow + _holdFor);
        return _byTool.TryAdd(toolId, reservation) ? reservation : null;
    }

    public bool Confirm(string toolId, string memberId) =>
        _byTool.TryGetValue(toolId, out var reservation)
        && reservation.MemberId == memberId
        && reservation.TryConfirm();

    public void Return(string toolId)
    {
        if (_byTool.TryGetValue(toolId, out var reservation) && reservation.IsConfirmed)
        {
            _byTool.TryRemove(new KeyValuePair<string, ToolReservation>(toolId, reservation));
        }
    }

    private void ReleaseExpired()
    {
        var now = DateTime.UtcNow;
        foreach (var pair in _byTool)
        {
            if (pair.Value.TryExpire(now))
            {
                _byTool.TryRemove(pair);
            }
        }
    }

    public void Dispose() => _expiryTimer.Dispose();
}
