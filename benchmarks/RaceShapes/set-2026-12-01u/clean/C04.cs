using Microsoft.Extensions.Hosting;

namespace MushroomFarm.Misting;

public sealed record RoomClimate(int RoomId, double RelativeHumidity, double Co2Ppm, DateTime TakenAtUtc);

public interface IClimateBus
{
    Task<IReadOnlyList<RoomClimate>> PollAsync(CancellationToken ct);
}

/// <summary>
/// Keeps the latest climate picture for every grow room. Registered as a hosted service
/// and as a singleton so the misting controller endpoint can read <see cref="Current"/>.
/// </summary>
public sealed class ClimateSnapshotService : BackgroundService
{
    private readonly IClimateBus _bus;
    private IReadOnlyDictionary<int, RoomClimate> _current = new Dictionary<int, RoomClimate>();

    public ClimateSnapshotService(IClimateBus bus) => _bus = bus;

    public IReadOnlyDictionary<int, RoomClimate> Current => Volatile.Read(ref _current);

    public bool ShouldMist(int roomId, double targetRh) =>
        Current.TryGetValue(roomId, out var c) && c.RelativeHumidity < targetRh;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var readings = await _bus.PollAsync(stoppingToken);

            var next = new Dictionary<int, RoomClimate>(Volatile.Read(ref _current));
            foreach (var reading in readings)
                next[reading.RoomId] = reading;

            Volatile.Write(ref _current, next);
        }
    }
}

/// <summary>Endpoint handlers used by the misting valve controllers.</summary>
public static class MistingEndpoints
{
    public static object Status(ClimateSnapshotService climate, int roomId)
    {
        if (!climate.Current.TryGetValue(roomId, out var reading))
            return new { roomId, known = false };
        return new
        {
            roomId,
            known = true,
            rh = reading.RelativeHumidity,
            co2 = reading.Co2Ppm,
            ageSeconds = (DateTime.UtcNow - reading.TakenAtUtc).TotalSeconds,
        };
    }

    public static bool Decide(ClimateSnapshotService climate, int roomId) => climate.ShouldMist(roomId, targetRh: 88);
}
