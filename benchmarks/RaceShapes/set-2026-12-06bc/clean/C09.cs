using Microsoft.Extensions.Hosting;

namespace Blind55.Clean.C09;

public sealed record FeedingSlot(string Tank, string Species, DateTime At, string Keeper);

public interface IFeedingRotaSource
{
    Task<IReadOnlyList<FeedingSlot>> LoadAsync(CancellationToken ct);
}

/// <summary>In-memory copy of the aquarium feeding rota, registered as a singleton.</summary>
public sealed class FeedingRotaStore
{
    private FeedingSlot[] _slots = Array.Empty<FeedingSlot>();

    public IReadOnlyList<FeedingSlot> Slots => Volatile.Read(ref _slots);

    public void Replace(IEnumerable<FeedingSlot> slots)
    {
        var fresh = slots.OrderBy(s => s.At).ToArray();
        Volatile.Write(ref _slots, fresh);
    }
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
            try
            {
                _store.Replace(await _source.LoadAsync(stoppingToken));
            }
            catch (HttpRequestException)
            {
                // keep serving the previous rota
            }
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
            .Take(take)
            .ToList();

    public string? KeeperOnDuty(string tank, DateTime now) =>
        Upcoming(tank, now, 1).FirstOrDefault()?.Keeper;
}
