using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind66.ClockTower.Striking;

public interface IStrikeMechanism
{
    Task StrikeHourAsync(int count, CancellationToken ct);
    Task ChimeQuarterAsync(int quarter, CancellationToken ct);
}

/// <summary>Quiet hours and chime options for the tower.</summary>
public sealed class ChimePlan
{
    public int FirstHour { get; set; } = 8;
    public int LastHour { get; set; } = 21;
    public bool QuarterChimes { get; set; } = true;
}

public sealed record ChimePlanRequest(int FirstHour, int LastHour, bool QuarterChimes);

/// <summary>
/// Drives the tower's striking train once a minute. The plan can be changed at runtime
/// from the parish admin page.
/// </summary>
public sealed class StrikeScheduler : BackgroundService
{
    private readonly IStrikeMechanism _mechanism;
    private readonly TimeProvider _clock;
    private readonly ILogger<StrikeScheduler> _logger;
    private readonly ChimePlan _plan = new();

    public StrikeScheduler(IStrikeMechanism mechanism, TimeProvider clock, ILogger<StrikeScheduler> logger)
    {
        _mechanism = mechanism;
        _clock = clock;
        _logger = logger;
    }

    public void UpdatePlan(ChimePlanRequest request)
    {
        if (request.FirstHour < 0 || request.LastHour > 23 || request.FirstHour > request.LastHour)
        {
            throw new ArgumentOutOfRangeException(nameof(request));
        }

        _plan.FirstHour = request.FirstHour;
        _plan.LastHour = request.LastHour;
        _plan.QuarterChimes = request.QuarterChimes;
        _logger.LogInformation("Chime plan changed to {First}-{Last}", request.FirstHour, request.LastHour);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = _clock.GetLocalNow();
            if (now.Hour < _plan.FirstHour || now.Hour > _plan.LastHour)
            {
                continue;
            }

            try
            {
                if (now.Minute == 0)
                {
                    var strikes = now.Hour % 12 == 0 ? 12 : now.Hour % 12;
                    await _mechanism.StrikeHourAsync(strikes, stoppingToken);
                }
                else if (now.Minute % 15 == 0 && _plan.QuarterChimes)
                {
                    await _mechanism.ChimeQuarterAsync(now.Minute / 15, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Striking train fault at {Time}", now);
            }
        }
    }
}

public static class ChimeEndpoints
{
    public static IEndpointRouteBuilder MapChimeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/tower/chime-plan", (ChimePlanRequest request, StrikeScheduler scheduler) =>
        {
            scheduler.UpdatePlan(request);
            return Results.NoContent();
        });
        return app;
    }
}
