namespace Blind50.Lighthouse.LampRoom;

/// <summary>
/// Grants one keeper exclusive control of the lamp room for a limited period.
/// While a keeper is on watch the lease is renewed by a background timer.
/// Registered as an app-wide singleton; <see cref="IsHeldBy"/> is called by every
/// lamp command handler and by the watch-log writer.
/// </summary>
public sealed class LampRoomLease : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeSpan _duration;
    private readonly Timer _renewTimer;
    private string? _holder;
    private DateTime _expiresUtc;
    private int _renewals;

    public LampRoomLease(TimeSpan duration)
    {
        _duration = duration;
        _renewTimer = new Timer(_ => RenewCurrent(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public bool TryAcquire(string keeper)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_holder != null && _holder != keeper && _expiresUtc > now)
            {
                return false;
            }

            _holder = keeper;
            _expiresUtc = now + _duration;
            _renewals = 0;
        }

        var period = _duration / 3;
        _renewTimer.Change(period, period);
        return true;
    }

    public void Release(string keeper)
    {
        lock (_gate)
        {
            if (_holder != keeper)
            {
                return;
            }

            _holder = null;
            _expiresUtc = DateTime.MinValue;
        }

        _renewTimer.Change(Timeout.Infinite, Timeout.Infinite);
    }

    private void RenewCurrent()
    {
        lock (_gate)
        {
            if (_holder == null)
            {
                return;
            }

            _expiresUtc = DateTime.UtcNow + _duration;
            _renewals++;
        }
    }

    /// <summary>Checks whether the given keeper currently owns the lamp room.</summary>
    public bool IsHeldBy(string keeper)
    {
        return _holder == keeper && _expiresUtc > DateTime.UtcNow;
    }

    public int Renewals
    {
        get
        {
            lock (_gate)
            {
                return _renewals;
            }
        }
    }

    public void Dispose() => _renewTimer.Dispose();
}

/// <summary>Accepts lamp commands from keepers' handsets.</summary>
public sealed class LampCommandHandler
{
    private readonly LampRoomLease _lease;

    public LampCommandHandler(LampRoomLease lease) => _lease = lease;

    public string Handle(string keeper, string command)
    {
        if (!_lease.IsHeldBy(keeper))
        {
            return $"{keeper} does not hold the lamp room";
        }

        return command switch
        {
            "rotate" => "lens rotating",
            "dim" => "lamp dimmed",
            "fog" => "fog signal sounding",
            _ => "unknown command",
        };
    }
}
