namespace Agriculture.Irrigation;

public sealed record WateringWindow(int Zone, DateTime Start, DateTime End)
{
    public bool Covers(DateTime t) => t >= Start && t < End;
}

public interface IValveBus
{
    void Set(int zone, bool open);
}

/// <summary>
/// Opens and closes zone valves according to watering windows entered by growers in the web console.
/// </summary>
public sealed class ZoneController
{
    private readonly object _scheduleLock = new();
    private readonly object _valveLock = new();
    private readonly List<WateringWindow> _windows = new();
    private readonly Dictionary<int, bool> _valveOpen = new();
    private readonly IValveBus _bus;
    private readonly int _zoneCount;

    public ZoneController(IValveBus bus, int zoneCount)
    {
        _bus = bus;
        _zoneCount = zoneCount;
    }

    /// <summary>Called from web console requests.</summary>
    public void AddWindow(WateringWindow window)
    {
        lock (_scheduleLock)
        {
            _windows.Add(window);
            _windows.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    public bool IsOpen(int zone)
    {
        lock (_valveLock)
        {
            return _valveOpen.TryGetValue(zone, out var open) && open;
        }
    }

    public async Task RunAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(token))
        {
            Tick(DateTime.Now);
        }
    }

    private void Tick(DateTime now)
    {
        lock (_valveLock)
        {
            _windows.RemoveAll(w => w.End <= now);
            for (var zone = 1; zone <= _zoneCount; zone++)
            {
                var shouldOpen = _windows.Any(w => w.Zone == zone && w.Covers(now));
                if (_valveOpen.TryGetValue(zone, out var isOpen) && isOpen == shouldOpen)
                {
                    continue;
                }

                _bus.Set(zone, shouldOpen);
                _valveOpen[zone] = shouldOpen;
            }
        }
    }
}
