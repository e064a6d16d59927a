namespace Blind31.TelescopeMirrorGrinding.Figuring;

public readonly record struct ZoneReading(int Zone, double RadiusMm, double ErrorNm);

public sealed class FigureSnapshot
{
    public FigureSnapshot(ZoneReading[] zones, double rmsNm, int generation)
    {
        Zones = zones;
        RmsNm = rmsNm;
        Generation = generation;
    }

    public IReadOnlyList<ZoneReading> Zones { get; }

    public double RmsNm { get; }

    public int Generation { get; }
}

/// <summary>
/// Publishes the current mirror figure for the optician's display and for the polishing
/// stroke planner. The Foucault tester feeds new zone readings through <see cref="Rebuild"/>.
/// </summary>
public sealed class FigurePublisher
{
    private readonly object _rebuildLock = new();
    private FigureSnapshot _current = new(Array.Empty<ZoneReading>(), 0, 0);

    public FigureSnapshot Current => Volatile.Read(ref _current);

    public event EventHandler<FigureSnapshot>? Published;

    public void Rebuild(IEnumerable<ZoneReading> readings)
    {
        FigureSnapshot next;
        lock (_rebuildLock)
        {
            var zones = readings.OrderBy(r => r.Zone).ToArray();
            double rms = zones.Length == 0 ? 0 : Math.Sqrt(zones.Average(z => z.ErrorNm * z.ErrorNm));
            next = new FigureSnapshot(zones, rms, Volatile.Read(ref _current).Generation + 1);
            Volatile.Write(ref _current, next);
        }

        Published?.Invoke(this, next);
    }
}

/// <summary>Picks the zone that needs the most work for the next polishing session.</summary>
public sealed class StrokePlanner
{
    private readonly FigurePublisher _publisher;

    public StrokePlanner(FigurePublisher publisher)
    {
        _publisher = publisher;
    }

    public string NextStroke()
    {
        var figure = _publisher.Current;
        if (figure.Zones.Count == 0)
        {
            return "No figure measured yet";
        }

        var worst = figure.Zones.MaxBy(z => Math.Abs(z.ErrorNm));
        string stroke = worst.ErrorNm > 0 ? "W-stroke on the high zone" : "centre-over-centre strokes around the low zone";
        return $"Generation {figure.Generation}: {stroke} at r={worst.RadiusMm:F0} mm (rms {figure.RmsNm:F1} nm)";
    }

    public Task<string[]> PlanForAllTablesAsync(int tables)
    {
        return Task.WhenAll(Enumerable.Range(0, tables).Select(_ => Task.Run(NextStroke)));
    }
}
