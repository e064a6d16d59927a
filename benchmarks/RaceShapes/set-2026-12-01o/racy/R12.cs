using System.Collections.Concurrent;

namespace Apiary.HiveMonitoring;

public interface IHiveScaleGateway
{
    Task<double> ReadWeightKgAsync(string hiveId, CancellationToken ct);
}

public sealed record ApiaryWeighIn(IReadOnlyDictionary<string, double> PerHiveKg, double TotalKg, DateTime TakenAt);

/// <summary>
/// Collects the evening weigh-in from the LoRa hive scales. Each scale is queried
/// on its own task because the gateway round trip can take several seconds.
/// </summary>
public sealed class EveningWeighInService
{
    private readonly IHiveScaleGateway _gateway;

    public EveningWeighInService(IHiveScaleGateway gateway)
    {
        _gateway = gateway;
    }

    public async Task<ApiaryWeighIn> WeighAllAsync(IEnumerable<string> hiveIds, CancellationToken ct)
    {
        var perHive = new ConcurrentDictionary<string, double>();
        double apiaryTotalKg = 0;

        var readings = hiveIds.Select(hiveId => Task.Run(async () =>
        {
            var kg = await _gateway.ReadWeightKgAsync(hiveId, ct);
            if (double.IsNaN(kg) || kg < 0)
            {
                return;
            }

            perHive[hiveId] = kg;
            apiaryTotalKg += kg;
        }, ct));

        await Task.WhenAll(readings);

        return new ApiaryWeighIn(perHive, apiaryTotalKg, DateTime.UtcNow);
    }

    /// <summary>Flags hives that lost more than the given fraction since the previous weigh-in.</summary>
    public static IEnumerable<string> SuspectedSwarms(ApiaryWeighIn previous, ApiaryWeighIn current, double fraction = 0.1)
    {
        foreach (var (hiveId, kg) in current.PerHiveKg)
        {
            if (previous.PerHiveKg.TryGetValue(hiveId, out var before) && before > 0 && (before - kg) / before > fraction)
            {
                yield return hiveId;
            }
        }
    }
}
