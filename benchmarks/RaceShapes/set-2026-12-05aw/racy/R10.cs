using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace MarathonOrganisers.Timing;

public readonly record struct MatHealth(bool Online, DateTime LastReadUtc, int ChipReadsLastMinute, double SignalDb);

public sealed record MatPoll(string MatId, bool Online, int ChipReads, double SignalDb);

public interface IMatController
{
    Task<IReadOnlyList<MatPoll>> PollAllAsync(CancellationToken ct);
}

/// <summary>
/// Latest health of every timing mat on the course. The monitor refreshes it and the
/// course-control endpoints read it to decide whether a split time can be trusted.
/// </summary>
public sealed class MatHealthBoard
{
    private readonly Dictionary<string, MatHealth> _mats;

    public MatHealthBoard(IEnumerable<string> matIds)
    {
        _mats = matIds.ToDictionary(id => id, _ => new MatHealth(false, DateTime.MinValue, 0, 0));
    }

    internal void Apply(MatPoll poll)
    {
        if (_mats.ContainsKey(poll.MatId))
        {
            _mats[poll.MatId] = new MatHealth(poll.Online, DateTime.UtcNow, poll.ChipReads, poll.SignalDb);
        }
    }

    public bool TryGet(string matId, out MatHealth health) => _mats.TryGetValue(matId, out health);

    public bool IsSplitTrustworthy(string matId)
    {
        if (!TryGet(matId, out var health))
        {
            return false;
        }
        return health.Online
            && DateTime.UtcNow - health.LastReadUtc < TimeSpan.FromSeconds(30)
            && health.SignalDb > -70;
    }
}

/// <summary>Polls the mat controllers every few seconds.</summary>
public sealed class MatHealthMonitor : BackgroundService
{
    private readonly MatHealthBoard _board;
    private readonly IMatController _controller;

    public MatHealthMonitor(MatHealthBoard board, IMatController controller)
    {
        _board = board;
        _controller = controller;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var polls = await _controller.PollAllAsync(stoppingToken);
            foreach (var poll in polls)
            {
                _board.Apply(poll);
            }
        }
    }
}

public static class CourseControlEndpoints
{
    public static IEndpointRouteBuilder MapCourseControl(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mats/{id}", (string id, MatHealthBoard board) =>
            board.TryGet(id, out var health) ? Results.Ok(health) : Results.NotFound());

        app.MapGet("/mats/{id}/trusted", (string id, MatHealthBoard board) =>
            Results.Ok(new { id, trusted = board.IsSplitTrustworthy(id) }));
        return app;
    }
}
