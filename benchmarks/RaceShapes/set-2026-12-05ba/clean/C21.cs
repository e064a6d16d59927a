using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind53.MountainHuts.Occupancy;

public sealed record HutOccupancy(string Hut, int Beds, int Booked, DateTime CheckedAtUtc);

public sealed record OccupancyBoard(IReadOnlyList<HutOccupancy> Huts, int Polls, DateTime UpdatedAtUtc)
{
    public static readonly OccupancyBoard Empty = new(Array.Empty<HutOccupancy>(), 0, DateTime.MinValue);
}

public interface IHutBookingApi
{
    Task<HutOccupancy> GetOccupancyAsync(string hut, CancellationToken cancellationToken);
}

/// <summary>
/// Polls the booking system of each hut on the traverse and publishes an occupancy board
/// that the trail app endpoint reads on every request.
/// </summary>
public sealed class HutOccupancyPoller : BackgroundService
{
    private readonly IHutBookingApi _api;
    private readonly IReadOnlyList<string> _huts;
    private readonly ILogger<HutOccupancyPoller> _logger;
    private OccupancyBoard _board = OccupancyBoard.Empty;

    public HutOccupancyPoller(IHutBookingApi api, IReadOnlyList<string> huts, ILogger<HutOccupancyPoller> logger)
    {
        _api = api;
        _huts = huts;
        _logger = logger;
    }

    public OccupancyBoard Board => Volatile.Read(ref _board);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var latest = new Dictionary<string, HutOccupancy>(StringComparer.OrdinalIgnoreCase);
        int polls = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(2));
        do
        {
            var fetches = _huts.Select(hut => _api.GetOccupancyAsync(hut, stoppingToken)).ToArray();
            try
            {
                await Task.WhenAll(fetches);
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Some huts did not answer");
            }

            foreach (var fetch in fetches)
            {
                if (fetch.IsCompletedSuccessfully)
                {
                    latest[fetch.Result.Hut] = fetch.Result;
                }
            }

            polls++;
            var board = new OccupancyBoard(latest.Values.OrderBy(h => h.Hut).ToArray(), polls, DateTime.UtcNow);
            Volatile.Write(ref _board, board);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class OccupancyEndpoint
{
    public static object Handle(HutOccupancyPoller poller)
    {
        var board = poller.Board;
        return new
        {
            board.UpdatedAtUtc,
            board.Polls,
            free = board.Huts.Sum(h => h.Beds - h.Booked),
            huts = board.Huts,
        };
    }
}
