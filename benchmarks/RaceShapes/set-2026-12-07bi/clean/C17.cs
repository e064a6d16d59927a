using Microsoft.AspNetCore.Http;

namespace Blind61.ZooFeeding;

public sealed record FeedSlot(string Enclosure, TimeOnly At, string Keeper, string Diet);

public sealed record RotaSnapshot(DateOnly Day, IReadOnlyList<FeedSlot> Slots, DateTimeOffset BuiltAt);

public interface IKeeperRota
{
    Task<IReadOnlyList<(string Keeper, string Section)>> OnDutyAsync(DateOnly day, CancellationToken ct);
}

/// <summary>
/// Builds the day's feeding rota and rebuilds it every five minutes as keepers swap shifts.
/// Read by the keepers' app and the visitor talks board; the first build happens at start-up.
/// </summary>
public sealed class FeedingRotaService : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly IKeeperRota _keepers;
    private readonly IReadOnlyDictionary<string, (string Section, TimeOnly[] Times, string Diet)> _enclosures;
    private readonly TimeProvider _clock;
    private RotaSnapshot? _current;

    public FeedingRotaService(IKeeperRota keepers,
        IReadOnlyDictionary<string, (string Section, TimeOnly[] Times, string Diet)> enclosures,
        TimeProvider clock)
    {
        _keepers = keepers;
        _enclosures = enclosures;
        _clock = clock;
    }

    public RotaSnapshot? Current => Volatile.Read(ref _current);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // warm the rota before the host starts taking requests
        await RebuildAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5), _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RebuildAsync(stoppingToken);
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        var onDuty = await _keepers.OnDutyAsync(today, ct);
        var bySection = onDuty.GroupBy(k => k.Section).ToDictionary(g => g.Key, g => g.Select(k => k.Keeper).ToArray());

        var slots = new List<FeedSlot>();
        foreach (var (enclosure, info) in _enclosures)
        {
            var keepers = bySection.GetValueOrDefault(info.Section) ?? new[] { "duty-supervisor" };
            for (var i = 0; i < info.Times.Length; i++)
                slots.Add(new FeedSlot(enclosure, info.Times[i], keepers[i % keepers.Length], info.Diet));
        }
        slots.Sort((a, b) => a.At.CompareTo(b.At));

        Volatile.Write(ref _current, new RotaSnapshot(today, slots.AsReadOnly(), _clock.GetUtcNow()));
    }
}

/// <summary>Endpoint for the visitor talks board.</summary>
public sealed class NextFeedsEndpoint
{
    private readonly FeedingRotaService _rota;
    private readonly TimeProvider _clock;

    public NextFeedsEndpoint(FeedingRotaService rota, TimeProvider clock)
    {
        _rota = rota;
        _clock = clock;
    }

    public IResult Get(int count)
    {
        if (_rota.Current is not { } snapshot)
            return Results.StatusCode(503);
        var now = TimeOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        return Results.Ok(snapshot.Slots.Where(s => s.At >= now).Take(count));
    }
}
