using System.Text;

namespace Blind45.Vineyard.HarvestReports;

public sealed record ParcelInfo(string Code, string Variety, string Grower, double Hectares);

public sealed record TruckLoad(string TruckId, string ParcelCode, double Tonnes, DateTimeOffset WeighedAt);

public interface IParcelRegistry
{
    Task<ParcelInfo> LoadAsync(string parcelCode, CancellationToken ct);
}

/// <summary>
/// Builds the daily harvest logistics report for the winery dashboard. Registered as a
/// scoped service: every HTTP request that asks for a report gets its own generator.
/// </summary>
public sealed class HarvestReportGenerator
{
    // Parcel metadata changes at most once a season, so it is kept for all generators.
    private static readonly Dictionary<string, ParcelInfo> s_parcels = new(StringComparer.OrdinalIgnoreCase);

    private readonly IParcelRegistry _registry;
    private readonly StringBuilder _text = new();

    public HarvestReportGenerator(IParcelRegistry registry)
    {
        _registry = registry;
    }

    public async Task<string> BuildAsync(DateOnly day, IReadOnlyList<TruckLoad> loads, CancellationToken ct)
    {
        _text.Clear();
        _text.Append("Harvest logistics for ").AppendLine(day.ToString("yyyy-MM-dd"));
        _text.AppendLine(new string('-', 48));

        double total = 0;
        foreach (var group in loads.GroupBy(l => l.ParcelCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parcel = await GetParcelAsync(group.Key, ct);
            var tonnes = group.Sum(l => l.Tonnes);
            total += tonnes;

            _text.Append(parcel.Code.PadRight(10))
                 .Append(parcel.Variety.PadRight(18))
                 .Append(tonnes.ToString("F2").PadLeft(8)).Append(" t  ")
                 .Append((tonnes / parcel.Hectares).ToString("F2")).AppendLine(" t/ha");

            foreach (var load in group.OrderBy(l => l.WeighedAt))
            {
                _text.Append("    ").Append(load.TruckId).Append(" @ ")
                     .Append(load.WeighedAt.ToString("HH:mm")).Append("  ")
                     .AppendLine(load.Tonnes.ToString("F2"));
            }
        }

        _text.AppendLine(new string('-', 48));
        _text.Append("Total").Append(total.ToString("F2").PadLeft(31)).AppendLine(" t");
        return _text.ToString();
    }

    private async Task<ParcelInfo> GetParcelAsync(string code, CancellationToken ct)
    {
        if (s_parcels.TryGetValue(code, out var cached))
        {
            return cached;
        }

        var loaded = await _registry.LoadAsync(code, ct);
        s_parcels[code] = loaded;
        return loaded;
    }
}
