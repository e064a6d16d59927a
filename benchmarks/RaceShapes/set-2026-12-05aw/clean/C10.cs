using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace MarathonOrganisers.Course;

/// <summary>Conditions at a drinks station, reported together by the station marshal's app.</summary>
public sealed record StationConditions(string StationId, int CupsRemaining, double TemperatureC, bool MedicalOnSite, DateTime ReportedUtc);

public interface IMarshalFeed
{
    Task<IReadOnlyList<StationConditions>> FetchLatestAsync(CancellationToken ct);
}

/// <summary>
/// Latest conditions at every drinks station. The feed poller replaces the whole map at once;
/// course-control endpoints read it.
/// </summary>
public sealed class CourseConditions
{
    private IReadOnlyDictionary<string, StationConditions> _current =
        new Dictionary<string, StationConditions>();

    public IReadOnlyDictionary<string, StationConditions> Current => Volatile.Read(ref _current);

    internal void Publish(IEnumerable<StationConditions> latest)
    {
        var map = latest.ToDictionary(c => c.StationId);
        Volatile.Write(ref _current, map);
    }

    public IEnumerable<string> StationsNeedingRestock(int minCups) =>
        Current.Values.Where(c => c.CupsRemaining < minCups).Select(c => c.StationId);
}

public sealed class MarshalFeedPoller : BackgroundService
{
    private readonly CourseConditions _conditions;
    private readonly IMarshalFeed _feed;

    public MarshalFeedPoller(CourseConditions conditions, IMarshalFeed feed)
    {
        _conditions = conditions;
        _feed = feed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            var latest = await _feed.FetchLatestAsync(stoppingToken);
            _conditions.Publish(latest);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ConditionsEndpoints
{
    public static IEndpointRouteBuilder MapCourseConditions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stations/{id}", (string id, CourseConditions conditions) =>
            conditions.Current.TryGetValue(id, out var c) ? Results.Ok(c) : Results.NotFound());

        app.MapGet("/stations/restock", (CourseConditions conditions, int? minCups) =>
            Results.Ok(conditions.StationsNeedingRestock(minCups ?? 200).ToList()));
        return app;
    }
}
