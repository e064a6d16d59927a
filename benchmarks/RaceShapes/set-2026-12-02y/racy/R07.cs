namespace StainedGlass.Kilns;

public sealed record FiringSegment(int RampDegreesPerHour, int HoldAtCelsius, TimeSpan Hold);

public sealed record FiringSchedule(string Name, IReadOnlyList<FiringSegment> Segments)
{
    public TimeSpan EstimatedDuration(int startCelsius)
    {
        var total = TimeSpan.Zero;
        int current = startCelsius;
        foreach (var s in Segments)
        {
            total += TimeSpan.FromHours(Math.Abs(s.HoldAtCelsius - current) / (double)s.RampDegreesPerHour) + s.Hold;
            current = s.HoldAtCelsius;
        }
        return total;
    }
}

/// <summary>
/// Catalogue of the studio's standard firing schedules (tack fuse, full fuse,
/// paint firing, slump). Loaded on first use and then consulted by every kiln
/// controller thread.
/// </summary>
public sealed class FiringScheduleCatalogue
{
    private static readonly object InitGate = new();
    private static FiringScheduleCatalogue? _instance;

    private readonly Dictionary<string, FiringSchedule> _byName = new(StringComparer.OrdinalIgnoreCase);

    private FiringScheduleCatalogue() { }

    public static FiringScheduleCatalogue Instance
    {
        get
        {
            if (_instance is null)
            {
                lock (InitGate)
                {
                    if (_instance is null)
                    {
                        _instance = new FiringScheduleCatalogue();
                        _instance.LoadStandardSchedules();
                    }
                }
            }
            return _instance;
        }
    }

    private void LoadStandardSchedules()
    {
        Register(new FiringSchedule("tack-fuse", new[]
        {
            new FiringSegment(150, 540, TimeSpan.FromMinutes(30)),
            new FiringSegment(300, 740, TimeSpan.FromMinutes(10)),
        }));
        Register(new FiringSchedule("full-fuse", new[]
        {
            new FiringSegment(150, 540, TimeSpan.FromMinutes(30)),
            new FiringSegment(330, 804, TimeSpan.FromMinutes(10)),
        }));
        Register(new FiringSchedule("paint", new[]
        {
            new FiringSegment(200, 650, TimeSpan.FromMinutes(15)),
        }));
        Register(new FiringSchedule("slump", new[]
        {
            new FiringSegment(120, 540, TimeSpan.FromMinutes(20)),
            new FiringSegment(200, 677, TimeSpan.FromMinutes(15)),
        }));
    }

    private void Register(FiringSchedule schedule) => _byName[schedule.Name] = schedule;

    public bool TryGet(string name, out FiringSchedule schedule) =>
        _byName.TryGetValue(name, out schedule!);
}

public sealed class KilnController
{
    private readonly string _kilnId;

    public KilnController(string kilnId) => _kilnId = kilnId;

    public Task<TimeSpan> PlanAsync(string scheduleName, int roomCelsius) => Task.Run(() =>
    {
        if (!FiringScheduleCatalogue.Instance.TryGet(scheduleName, out var schedule))
        {
            throw new KeyNotFoundException($"{_kilnId}: unknown schedule '{scheduleName}'");
        }
        return schedule.EstimatedDuration(roomCelsius);
    });
}
