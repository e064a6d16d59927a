namespace Dairy.Milking.Reports;

public sealed record MilkingSession(int CowId, int StallNumber, DateTime StartedAt);

public sealed record YieldRecord(int CowId, double Litres, double ConductivityMsCm);

public interface IRobotTelemetryClient
{
    Task<double> GetYieldLitresAsync(int stall, DateTime startedAt, CancellationToken ct);
    Task<double> GetConductivityAsync(int stall, DateTime startedAt, CancellationToken ct);
}

/// <summary>
/// Builds the morning yield report from the milking robot telemetry endpoint.
/// Sessions are fetched with limited parallelism because the robot controller
/// is slow to answer individual requests.
/// </summary>
public sealed class MorningYieldReportBuilder
{
    private const double MastitisConductivityThreshold = 6.5;

    private readonly IRobotTelemetryClient _telemetry;
    private readonly List<YieldRecord> _records = new();

    public MorningYieldReportBuilder(IRobotTelemetryClient telemetry)
    {
        _telemetry = telemetry;
    }

    public async Task<IReadOnlyList<YieldRecord>> BuildAsync(
        IEnumerable<MilkingSession> sessions,
        CancellationToken ct)
    {
        _records.Clear();

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = 6,
            CancellationToken = ct,
        };

        await Parallel.ForEachAsync(sessions, options, async (session, token) =>
        {
            var litres = await _telemetry.GetYieldLitresAsync(session.StallNumber, session.StartedAt, token);
            var conductivity = await _telemetry.GetConductivityAsync(session.StallNumber, session.StartedAt, token);

            // Aborted milkings (kick-offs) report zero and are left out of the report.
            if (litres <= 0)
            {
                return;
            }

            _records.Add(new YieldRecord(session.CowId, litres, conductivity));
        });

        return _records.OrderBy(r => r.CowId).ToList();
    }

    public static IEnumerable<int> CowsToCheck(IEnumerable<YieldRecord> records) =>
        records.Where(r => r.ConductivityMsCm >= MastitisConductivityThreshold)
               .Select(r => r.CowId)
               .Distinct();

    public static double HerdAverage(IReadOnlyCollection<YieldRecord> records) =>
        records.Count == 0 ? 0 : records.Average(r => r.Litres);
}
