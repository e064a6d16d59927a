namespace Blind24.MushroomFarm;

public sealed record GrowRoom(string Name, double TargetHumidity, double Tolerance);

public interface IHygrometerClient
{
    Task<double[]> ReadProbesAsync(string room, CancellationToken ct);
}

public sealed record HumiditySweep(double WorstDeviation, string? WorstRoom, int RoomsOutOfBand, IReadOnlyDictionary<string, double> Averages);

/// <summary>
/// Takes a humidity reading from every grow room at once and works out which
/// room is furthest from its target so the misting controller can be nudged.
/// </summary>
public sealed class HumiditySweeper
{
    private readonly IHygrometerClient _client;

    public HumiditySweeper(IHygrometerClient client) => _client = client;

    public async Task<HumiditySweep> SweepAsync(IReadOnlyList<GrowRoom> rooms, CancellationToken ct)
    {
        double worstDeviation = 0;
        string? worstRoom = null;
        var averages = new double[rooms.Count];
        var outOfBand = new bool[rooms.Count];

        var reads = rooms.Select((room, i) => Task.Run(async () =>
        {
            var probes = await _client.ReadProbesAsync(room.Name, ct).ConfigureAwait(false);
            if (probes.Length == 0)
            {
                return;
            }

            double avg = probes.Average();
            averages[i] = avg;

            double deviation = Math.Abs(avg - room.TargetHumidity);
            outOfBand[i] = deviation > room.Tolerance;

            if (deviation > worstDeviation)
            {
                worstDeviation = deviation;
                worstRoom = room.Name;
            }
        }, ct)).ToList();

        await Task.WhenAll(reads).ConfigureAwait(false);

        var byRoom = new Dictionary<string, double>();
        for (int i = 0; i < rooms.Count; i++)
        {
            byRoom[rooms[i].Name] = averages[i];
        }

        return new HumiditySweep(worstDeviation, worstRoom, outOfBand.Count(b => b), byRoom);
    }
}

/// <summary>Adjusts the misting schedule after each sweep.</summary>
public sealed class MistingAdvisor
{
    private readonly HumiditySweeper _sweeper;

    public MistingAdvisor(HumiditySweeper sweeper) => _sweeper = sweeper;

    public async Task<string> AdviseAsync(IReadOnlyList<GrowRoom> rooms, CancellationToken ct)
    {
        var sweep = await _sweeper.SweepAsync(rooms, ct);
        if (sweep.WorstRoom is null || sweep.WorstDeviation < 1.0)
        {
            return "All rooms within tolerance.";
        }

        return $"Boost misting in {sweep.WorstRoom} (off by {sweep.WorstDeviation:F1}%RH); {sweep.RoomsOutOfBand} room(s) out of band.";
    }
}
