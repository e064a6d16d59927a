namespace Blind38.SnowGrooming.Routes;

public sealed record PisteSegment(string Id, string Piste, double LengthMetres, double GradientPercent, double SnowDepthCm, bool NeedsWinch);

public sealed record GroomingPass(string SegmentId, double Minutes, double FuelLitres);

/// <summary>
/// Plans the night's grooming passes for the resort's piste segments. Segment estimates
/// are independent, so they are computed in parallel and combined at the end.
/// </summary>
public sealed class NightShiftPlanner
{
    private readonly double _cruiseSpeedKmh;
    private readonly double _fuelLitresPerHour;

    public NightShiftPlanner(double cruiseSpeedKmh, double fuelLitresPerHour)
    {
        _cruiseSpeedKmh = cruiseSpeedKmh;
        _fuelLitresPerHour = fuelLitresPerHour;
    }

    public IReadOnlyList<GroomingPass> Plan(IEnumerable<PisteSegment> segments, double minDepthCm)
    {
        return segments
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .Where(s => s.SnowDepthCm >= minDepthCm)
            .Select(Estimate)
            .OrderByDescending(p => p.Minutes)
            .ToList();
    }

    public (double Hours, double Fuel) Totals(IReadOnlyList<GroomingPass> passes)
    {
        var minutes = passes.AsParallel().Sum(p => p.Minutes);
        var fuel = passes.AsParallel().Sum(p => p.FuelLitres);
        return (minutes / 60.0, fuel);
    }

    public IReadOnlyDictionary<string, double> MinutesByPiste(IEnumerable<PisteSegment> segments, IReadOnlyList<GroomingPass> passes)
    {
        var pisteOf = segments.ToDictionary(s => s.Id, s => s.Piste);
        return passes
            .AsParallel()
            .GroupBy(p => pisteOf[p.SegmentId])
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Minutes));
    }

    private GroomingPass Estimate(PisteSegment segment)
    {
        // Steeper pitches are groomed uphill at reduced speed; winch pitches need a second pass.
        var speedFactor = 1.0 / (1.0 + segment.GradientPercent / 40.0);
        var passes = segment.NeedsWinch ? 2 : 1;
        var hours = passes * (segment.LengthMetres / 1000.0) / (_cruiseSpeedKmh * speedFactor);
        var depthPenalty = segment.SnowDepthCm > 80 ? 1.15 : 1.0;
        var minutes = hours * 60.0 * depthPenalty;
        return new GroomingPass(segment.Id, minutes, hours * depthPenalty * _fuelLitresPerHour);
    }
}
