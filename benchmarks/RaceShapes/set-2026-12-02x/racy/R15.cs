using System.Globalization;
using System.Text;

namespace Blind24.SaltPans;

public sealed record PanReading(string PanId, double BrineDepthMm, double SalinityPsu, double EvaporationMmPerDay, DateOnly Day);

/// <summary>
/// Formats evaporation reports for the salt works' web API. Used as a singleton
/// by the report endpoints, which run concurrently for different users.
/// </summary>
public sealed class EvaporationReportFormatter
{
    private static readonly StringBuilder Scratch = new(1024);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string FormatDaily(IEnumerable<PanReading> readings)
    {
        Scratch.Clear();
        Scratch.AppendLine("pan,depth_mm,salinity_psu,evap_mm_day,harvest_ready");
        foreach (var r in readings.OrderBy(r => r.PanId, StringComparer.Ordinal))
        {
            Scratch.Append(r.PanId).Append(',')
                .Append(r.BrineDepthMm.ToString("F1", Invariant)).Append(',')
                .Append(r.SalinityPsu.ToString("F0", Invariant)).Append(',')
                .Append(r.EvaporationMmPerDay.ToString("F2", Invariant)).Append(',')
                .Append(IsHarvestReady(r) ? "yes" : "no")
                .AppendLine();
        }

        return Scratch.ToString();
    }

    public string FormatSummary(string works, IReadOnlyCollection<PanReading> readings)
    {
        var ready = readings.Count(IsHarvestReady);
        var meanEvap = readings.Count == 0 ? 0 : readings.Average(r => r.EvaporationMmPerDay);
        return string.Create(Invariant, $"{works}: {readings.Count} pans, {ready} ready, mean evaporation {meanEvap:F2} mm/day");
    }

    private static bool IsHarvestReady(PanReading r) => r.SalinityPsu >= 260 && r.BrineDepthMm < 15;
}

/// <summary>Minimal endpoint wrapper used by the reporting API.</summary>
public sealed class ReportEndpoint
{
    private readonly EvaporationReportFormatter _formatter;
    private readonly Func<string, DateOnly, Task<IReadOnlyList<PanReading>>> _load;

    public ReportEndpoint(EvaporationReportFormatter formatter, Func<string, DateOnly, Task<IReadOnlyList<PanReading>>> load)
    {
        _formatter = formatter;
        _load = load;
    }

    public async Task<string> GetDailyCsvAsync(string works, DateOnly day)
    {
        var readings = await _load(works, day);
        return _formatter.FormatDaily(readings);
    }

    public async Task<string> GetSummaryAsync(string works, DateOnly day)
    {
        var readings = await _load(works, day);
        return _formatter.FormatSummary(works, readings.ToList());
    }
}
