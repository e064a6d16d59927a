using Microsoft.Extensions.Hosting;

namespace Blind55.Racy.R09;

public sealed record FeedingSlot(string Tank, string Species, DateTime At, string Keeper);

public interface IFeedingRotaSource
{
    Task<IReadOnlyList<FeedingSlot>> LoadAsync(CancellationToken ct);
}

/// <summary>In-memory copy of the aquarium feeding rota, registered as a singleton.</summary>
public sealed class FeedingRotaStore
{
    public List<FeedingSlot> Slots { get; } = new();
}

/// <summary>Reloads the rota from the keepers' spreadsheet every few minutes.</summary>
public sealed class FeedingRotaRefresher : BackgroundService
{
    private readonly FeedingRotaStore _store;
    private readonly IFeedingRotaSource _source;

    public FeedingRotaRefresher(FeedingRotaStore store, IFeedingRotaSource source)
    {
        _store = store;
        _source = source;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        do
        {
            IReadOnlyList<FeedingSlot> fresh;
            try
            {
                fresh = await _source.LoadAsync(stoppingToken);
            }
            catch (HttpRequestException)
            {
                continue; // keep serving the previous rota
            }

            _store.Slots.Clear();
            _store.Slots.AddRange(fresh);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Backs the "next feeding" screens next to each tank.</summary>
public sealed class FeedingRotaQuery
{
    private readonly FeedingRotaStore _store;

    public FeedingRotaQuery(FeedingRotaStore store) => _store = store;

    public IReadOnlyList<FeedingSlot> Upcoming(string tank, DateTime now, int take = 3) =>
        _store.Slots
            .Where(s => s.Tank == tank && s.At >= now)
            .OrderBy(s => s.At)
            .Take(take)
            .ToList();

    public string? KeeperOnDuty(string tank, DateTime now) =>
        Upcoming(tank, now, 1).FirstOrDefault()?.Keeper;
}
