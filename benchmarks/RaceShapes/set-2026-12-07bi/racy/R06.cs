namespace Blind61.PigeonRacing;

public sealed class BirdClockedEventArgs : EventArgs
{
    public BirdClockedEventArgs(string ringNumber, string loft, TimeSpan flightTime, double velocity)
    {
        RingNumber = ringNumber;
        Loft = loft;
        FlightTime = flightTime;
        Velocity = velocity;
    }

    public string RingNumber { get; }
    public string Loft { get; }
    public TimeSpan FlightTime { get; }
    public double Velocity { get; }
}

/// <summary>
/// Receives RFID pad readings from the club's loft antennas and turns them into
/// clocked arrivals. Each antenna reading is verified on the thread pool.
/// </summary>
public sealed class ClockingStation
{
    private readonly DateTimeOffset _liberation;
    private readonly IReadOnlyDictionary<string, double> _loftDistancesMetres;

    public ClockingStation(DateTimeOffset liberation, IReadOnlyDictionary<string, double> loftDistancesMetres)
    {
        _liberation = liberation;
        _loftDistancesMetres = loftDistancesMetres;
    }

    public event EventHandler<BirdClockedEventArgs>? BirdClocked;

    public void OnAntennaReading(string ringNumber, string loft, DateTimeOffset readAt)
    {
        _ = Task.Run(() =>
        {
            if (!_loftDistancesMetres.TryGetValue(loft, out var metres))
                return;
            var flight = readAt - _liberation;
            var velocity = metres / flight.TotalMinutes;
            BirdClocked?.Invoke(this, new BirdClockedEventArgs(ringNumber, loft, flight, velocity));
        });
    }
}

/// <summary>Race-day leaderboard shown on the clubhouse screen.</summary>
public sealed class RaceLeaderboardViewModel
{
    private readonly List<BirdClockedEventArgs> _arrivals = new();

    public RaceLeaderboardViewModel(ClockingStation station)
    {
        station.BirdClocked += OnBirdClocked;
    }

    public event EventHandler? LeaderboardChanged;

    private void OnBirdClocked(object? sender, BirdClockedEventArgs e)
    {
        _arrivals.Add(e);
        LeaderboardChanged?.Invoke(this, EventArgs.Empty);
    }

    public IReadOnlyList<string> TopTen()
    {
        return Application.Current.Dispatch(() => _arrivals
            .OrderByDescending(a => a.Velocity)
            .Take(10)
            .Select(a => $"{a.RingNumber} ({a.Loft}) {a.Velocity:F2} m/min")
            .ToList());
    }
}

/// <summary>Stand-in for the UI framework's dispatcher.</summary>
public sealed class Application
{
    public static Application Current { get; } = new();
    private readonly object _uiGate = new();

    public T Dispatch<T>(Func<T> work)
    {
        lock (_uiGate)
        {
            return work();
        }
    }
}
