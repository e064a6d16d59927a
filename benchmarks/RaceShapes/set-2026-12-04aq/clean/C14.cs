namespace Blind43.Ferries.Disruptions;

public sealed record DisruptionNotice(string Id, string Route, string Message, DateTimeOffset From, DateTimeOffset Until);

/// <summary>
/// Current disruption notices for the ferry network. Operations staff add and withdraw notices
/// occasionally; the departure boards, the app and the SMS gateway read them all the time
/// without taking a lock.
/// </summary>
public sealed class DisruptionNoticeBoard
{
    private readonly object _writeGate = new();
    private DisruptionNotice[] _notices = Array.Empty<DisruptionNotice>();
    private int _version;

    public void Publish(DisruptionNotice notice)
    {
        lock (_writeGate)
        {
            var current = _notices;
            var next = new DisruptionNotice[current.Length + 1];
            var i = 0;
            foreach (var existing in current)
            {
                if (existing.Id != notice.Id)
                {
                    next[i++] = existing;
                }
            }

            next[i++] = notice;
            Array.Resize(ref next, i);
            Array.Sort(next, (a, b) => a.From.CompareTo(b.From));

            Volatile.Write(ref _notices, next);
            Interlocked.Increment(ref _version);
        }
    }

    public bool Withdraw(string id)
    {
        lock (_writeGate)
        {
            var current = _notices;
            var next = current.Where(n => n.Id != id).ToArray();
            if (next.Length == current.Length)
            {
                return false;
            }

            Volatile.Write(ref _notices, next);
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    /// <summary>Current notices, earliest first.</summary>
    public IReadOnlyList<DisruptionNotice> All => Volatile.Read(ref _notices);

    public int Version => Volatile.Read(ref _version);

    public IReadOnlyList<DisruptionNotice> ActiveFor(string route, DateTimeOffset now)
    {
        var notices = Volatile.Read(ref _notices);
        var active = new List<DisruptionNotice>();
        foreach (var notice in notices)
        {
            if (notice.Route == route && notice.From <= now && now < notice.Until)
            {
                active.Add(notice);
            }
        }

        return active;
    }
}

/// <summary>Departure board controller; one per terminal, each on its own refresh timer.</summary>
public sealed class TerminalBoard : IDisposable
{
    private readonly DisruptionNoticeBoard _board;
    private readonly string _route;
    private readonly Action<IReadOnlyList<DisruptionNotice>> _display;
    private readonly System.Threading.Timer _timer;
    private int _lastShownVersion = -1;

    public TerminalBoard(DisruptionNoticeBoard board, string route, Action<IReadOnlyList<DisruptionNotice>> display)
    {
        _board = board;
        _route = route;
        _display = display;
        _timer = new System.Threading.Timer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Tick()
    {
        var version = _board.Version;
        if (version != _lastShownVersion)
        {
            _display(_board.ActiveFor(_route, DateTimeOffset.UtcNow));
            _lastShownVersion = version;
        }

        try
        {
            _timer.Change(TimeSpan.FromSeconds(15), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Terminal closed while this tick was running.
        }
    }

    public void Dispose() => _timer.Dispose();
}
