using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Vineyard.Harvest;

public sealed record VineBlock(string BlockId, string Varietal, double Hectares);

public sealed record BinWeighing(string BinId, string BlockId, double NetKg, double Brix, DateTimeOffset WeighedAt);

public sealed record HarvestManifest(DateOnly Day, IReadOnlyList<BinWeighing> Bins, double TotalTonnes);

public interface IWeighbridgeClient
{
    Task<IReadOnlyList<BinWeighing>> GetWeighingsAsync(string blockId, DateOnly day, CancellationToken ct);
}

/// <summary>
/// Builds the daily harvest manifest sent to the winery's receiving dock.
/// </summary>
public sealed class HarvestManifestBuilder
{
    private readonly IWeighbridgeClient _weighbridge;
    private readonly double _minimumBrix;

    public HarvestManifestBuilder(IWeighbridgeClient weighbridge, double minimumBrix = 19.0)
    {
        _weighbridge = weighbridge;
        _minimumBrix = minimumBrix;
    }

    public async Task<HarvestManifest> BuildAsync(IReadOnlyList<VineBlock> blocks, DateOnly day, CancellationToken ct)
    {
        var accepted = new List<BinWeighing>();

        var fetches = blocks.Select(async block =>
        {
            var weighings = await _weighbridge.GetWeighingsAsync(block.BlockId, day, ct).ConfigureAwait(false);

            foreach (var bin in weighings)
            {
                if (bin.NetKg <= 0 || bin.Brix < _minimumBrix)
                {
                    continue;
                }

                accepted.Add(bin);
            }
        });

        await Task.WhenAll(fetches).ConfigureAwait(false);

        var ordered = accepted
            .OrderBy(b => b.BlockId, StringComparer.Ordinal)
            .ThenBy(b => b.WeighedAt)
            .ToList();

        var tonnes = Math.Round(ordered.Sum(b => b.NetKg) / 1000.0, 3);
        return new HarvestManifest(day, ordered, tonnes);
    }

    public static string Describe(HarvestManifest manifest)
    {
        var byBlock = manifest.Bins
            .GroupBy(b => b.BlockId)
            .Select(g => $"{g.Key}: {g.Count()} bins, {g.Sum(b => b.NetKg) / 1000.0:F2} t, avg {g.Average(b => b.Brix):F1} Brix");

        return $"Harvest {manifest.Day:yyyy-MM-dd} - {manifest.TotalTonnes:F2} t" + Environment.NewLine
             + string.Join(Environment.NewLine, byBlock);
    }
}
