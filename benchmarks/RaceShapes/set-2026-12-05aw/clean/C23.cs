namespace SkateParks.Jam;

public sealed record Skater(string Handle, int Rating);

/// <summary>
/// Lobby for a timed best-trick jam at the skate park. Skaters check in from the kiosk
/// threads; the heat starts when the lobby is full or the organiser forces a start.
/// </summary>
public sealed class JamLobby
{
    private readonly object _monitor = new();
    private readonly List<Skater> _checkedIn = new();
    private readonly int _capacity;
    private bool _started;
    private int _heatNumber;

    public JamLobby(int capacity)
    {
        _capacity = capacity;
    }

    public bool CheckIn(Skater skater)
    {
        lock (_monitor)
        {
            if (_started || _checkedIn.Count >= _capacity || _checkedIn.Any(s => s.Handle == skater.Handle))
            {
                return false;
            }
            _checkedIn.Add(skater);
            if (_checkedIn.Count == _capacity)
            {
                StartLocked();
            }
            return true;
        }
    }

    public void ForceStart()
    {
        lock (_monitor)
        {
            if (!_started && _checkedIn.Count > 0)
            {
                StartLocked();
            }
        }
    }

    private void StartLocked()
    {
        _started = true;
        _heatNumber++;
        Monitor.PulseAll(_monitor);
    }

    /// <summary>Blocks the calling kiosk until the heat starts, then returns the running order.</summary>
    public IReadOnlyList<Skater>? WaitForHeat(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (!_started)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_monitor, left))
                {
                    return _started ? RunningOrderLocked() : null;
                }
            }
            return RunningOrderLocked();
        }
    }

    private IReadOnlyList<Skater> RunningOrderLocked() =>
        _checkedIn.OrderBy(s => s.Rating).ThenBy(s => s.Handle).ToList();

    public void ResetForNextHeat()
    {
        lock (_monitor)
        {
            _checkedIn.Clear();
            _started = false;
        }
    }

    public int HeatNumber
    {
        get
        {
            lock (_monitor)
            {
                return _heatNumber;
            }
        }
    }
}

/// <summary>Check-in kiosk by the bowl; each kiosk runs on its own thread.</summary>
public sealed class CheckInKiosk
{
    private readonly JamLobby _lobby;

    public CheckInKiosk(JamLobby lobby) => _lobby = lobby;

    public Thread Serve(IEnumerable<Skater> queue, Action<string> announce)
    {
        var thread = new Thread(() =>
        {
            foreach (var skater in queue)
            {
                if (!_lobby.CheckIn(skater))
                {
                    announce($"{skater.Handle}: lobby closed");
                    continue;
                }
                var order = _lobby.WaitForHeat(TimeSpan.FromMinutes(5));
                announce(order is null
                    ? $"{skater.Handle}: still waiting for more skaters"
                    : $"{skater.Handle}: you are #{order.ToList().FindIndex(s => s.Handle == skater.Handle) + 1}");
            }
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
