namespace Blind51.MountainHuts.Guides;

public sealed record GuideHold(Guid Id, string Guide, DateOnly Day, string Client, DateTimeOffset ExpiresAt);

public enum ConfirmResult
{
    Confirmed,
    Expired,
    Unknown,
}

/// <summary>
/// Holds mountain-guide days while a client pays the deposit. An expired hold releases the
/// guide's day. Payment callbacks confirm holds; a timer sweeps expired ones.
/// Shared by the whole booking site.
/// </summary>
public sealed class GuideDayHolds : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<Guid, GuideHold> _holds = new();
    private readonly HashSet<(string Guide, DateOnly Day)> _taken = new();
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _holdFor;
    private readonly Timer _sweep;
    private bool _disposed;

    public GuideDayHolds(Func<DateTimeOffset> clock, TimeSpan holdFor)
    {
        _clock = clock;
        _holdFor = holdFor;
        _sweep = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    public GuideHold? TryHold(string guide, DateOnly day, string client)
    {
        lock (_sync)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(GuideDayHolds));
            if (!_taken.Add((guide, day))) return null;

            var hold = new GuideHold(Guid.NewGuid(), guide, day, client, _clock() + _holdFor);
            _holds.Add(hold.Id, hold);
            return hold;
        }
    }

    public ConfirmResult Confirm(Guid holdId)
    {
        lock (_sync)
        {
            if (!_holds.TryGetValue(holdId, out var hold)) return ConfirmResult.Unknown;

            _holds.Remove(holdId);
            if (hold.ExpiresAt <= _clock())
            {
                _taken.Remove((hold.Guide, hold.Day));
                return ConfirmResult.Expired;
            }

            // The day stays in _taken: it now belongs to a confirmed booking.
            return ConfirmResult.Confirmed;
        }
    }

    private void Sweep()
    {
        lock (_sync)
        {
            if (_disposed) return;

            var now = _clock();
            var expired = _holds.Values.Where(h => h.ExpiresAt <= now).ToList();
            foreach (var hold in expired)
            {
                _holds.Remove(hold.Id);
                _taken.Remove((hold.Guide, hold.Day));
            }
        }
    }

    public int ActiveHolds
    {
        get { lock (_sync) return _holds.Count; }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _sweep.Dispose();
    }
}
