using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind31.GlacierResearchStations.Crevasses;

public sealed record CrevasseStatus(string Transect, double MaxWidthCm, double OpeningRateCmPerDay, DateTimeOffset MeasuredAt);

public sealed record CrevasseBoard(IReadOnlyList<CrevasseStatus> Transects, DateTimeOffset BuiltAt)
{
    public static readonly CrevasseBoard Empty = new(Array.Empty<CrevasseStatus>(), DateTimeOffset.MinValue);
}

public interface ICrevasseGaugeReader
{
    Task<IReadOnlyList<CrevasseStatus>> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// Holds the crevasse board shown to field teams before they leave the station.
/// Singleton: written by <see cref="CrevasseMonitorService"/>, read by the route-check API.
/// </summary>
public sealed class CrevasseBoardHolder
{
    private CrevasseBoard _board = CrevasseBoard.Empty;

    public CrevasseBoard Current => Volatile.Read(ref _board);

    internal void Publish(CrevasseBoard board) => Volatile.Write(ref _board, board);
}

public sealed class CrevasseMonitorService : BackgroundService
{
    private readonly ICrevasseGaugeReader _reader;
    private readonly CrevasseBoardHolder _holder;
    private readonly ILogger<CrevasseMonitorService> _logger;

    public CrevasseMonitorService(ICrevasseGaugeReader reader, CrevasseBoardHolder holder, ILogger<CrevasseMonitorService> logger)
    {
        _reader = reader;
        _holder = holder;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                var statuses = await _reader.ReadAllAsync(stoppingToken);
                var ordered = statuses.OrderByDescending(s => s.OpeningRateCmPerDay).ToArray();
                _holder.Publish(new CrevasseBoard(ordered, DateTimeOffset.UtcNow));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Crevasse gauge read failed; keeping previous board");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Route check used by field teams from the station's web app.</summary>
public sealed class RouteCheck
{
    private readonly CrevasseBoardHolder _holder;

    public RouteCheck(CrevasseBoardHolder holder)
    {
        _holder = holder;
    }

    public IReadOnlyList<string> Warnings(IEnumerable<string> transectsOnRoute, double maxSafeRate)
    {
        var board = _holder.Current;
        var route = new HashSet<string>(transectsOnRoute, StringComparer.OrdinalIgnoreCase);
        return board.Transects
            .Where(t => route.Contains(t.Transect) && t.OpeningRateCmPerDay > maxSafeRate)
            .Select(t => $"{t.Transect}: opening {t.OpeningRateCmPerDay:F1} cm/day (as of {t.MeasuredAt:t})")
            .ToList();
    }
}
