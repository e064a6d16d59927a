using Microsoft.Extensions.Logging;

namespace Gale.WindFarm.Inspections;

public sealed record BladeFinding(string TurbineId, int Blade, string Defect, int Severity);

public interface IBladeImageAnalyzer
{
    Task<IReadOnlyList<BladeFinding>> AnalyzeAsync(string turbineId, int blade, CancellationToken ct);
}

public sealed record InspectionReport(int TurbinesInspected, int CriticalFindings, IReadOnlyList<BladeFinding> Findings);

/// <summary>
/// Runs the image analysis for every blade photographed on a drone inspection day and
/// builds the report for the maintenance planner.
/// </summary>
public sealed class InspectionDayProcessor
{
    private readonly IBladeImageAnalyzer _analyzer;
    private readonly ILogger<InspectionDayProcessor> _logger;

    public InspectionDayProcessor(IBladeImageAnalyzer analyzer, ILogger<InspectionDayProcessor> logger)
    {
        _analyzer = analyzer;
        _logger = logger;
    }

    public async Task<InspectionReport> ProcessAsync(IReadOnlyList<string> turbineIds, CancellationToken ct)
    {
        var perTurbine = turbineIds.Select(id => InspectTurbineAsync(id, ct)).ToArray();
        var results = await Task.WhenAll(perTurbine);

        var findings = new List<BladeFinding>();
        foreach (var r in results)
        {
            findings.AddRange(r);
        }

        int critical = findings.Count(f => f.Severity >= 4);
        _logger.LogInformation("{Turbines} turbines inspected, {Critical} critical findings", turbineIds.Count, critical);

        return new InspectionReport(turbineIds.Count, critical, findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.TurbineId)
            .ToList());
    }

    private async Task<List<BladeFinding>> InspectTurbineAsync(string turbineId, CancellationToken ct)
    {
        var local = new List<BladeFinding>();
        for (int blade = 1; blade <= 3; blade++)
        {
            var found = await _analyzer.AnalyzeAsync(turbineId, blade, ct).ConfigureAwait(false);
            local.AddRange(found);
        }
        return local;
    }
}
