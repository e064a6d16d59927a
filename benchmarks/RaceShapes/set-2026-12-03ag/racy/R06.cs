namespace IceRink.Conditions;

public interface IIceSensorClient
{
    Task<double> ReadSurfaceTempAsync();
    Task<double> ReadIceDepthMillimetresAsync();
}

public sealed record IceReport(double SurfaceTempC, double DepthMm, DateTime TakenAt);

/// <summary>
/// Provides the current ice report to the scoreboard, the Zamboni crew app and
/// the public web page. Concurrent callers share one in-flight sensor read so
/// the slow serial bridge is not hammered.
/// </summary>
public sealed class IceConditionService
{
    private readonly IIceSensorClient _client;
    private Task<IceReport>? _inflight;

    public IceConditionService(IIceSensorClient client) => _client = client;

    public Task<IceReport> GetReportAsync()
    {
        var existing = _inflight;
        if (existing != null)
        {
            return existing;
        }

        var task = FetchAsync();
        _inflight = task;
        return task;
    }

    private async Task<IceReport> FetchAsync()
    {
        try
        {
            var surface = await _client.ReadSurfaceTempAsync().ConfigureAwait(false);
            var depth = await _client.ReadIceDepthMillimetresAsync().ConfigureAwait(false);
            return new IceReport(surface, depth, DateTime.UtcNow);
        }
        finally
        {
            // Next caller after this read completes gets a fresh reading.
            _inflight = null;
        }
    }
}

public sealed class ResurfacingAdvisor
{
    private readonly IceConditionService _conditions;

    public ResurfacingAdvisor(IceConditionService conditions) => _conditions = conditions;

    public async Task<bool> ShouldResurfaceAsync(TimeSpan sinceLastFlood)
    {
        var report = await _conditions.GetReportAsync().ConfigureAwait(false);
        if (report.SurfaceTempC > -3.0)
        {
            return true;
        }

        return sinceLastFlood > TimeSpan.FromMinutes(45) || report.DepthMm < 25;
    }
}
