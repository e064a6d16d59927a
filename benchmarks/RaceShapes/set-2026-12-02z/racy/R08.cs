using System.Collections.Concurrent;

namespace Blind26.Foraging.Permits;

public sealed record PermitApplication(string LicenseNo, string Applicant, string Zone, int KilogramsRequested);

public sealed record PermitDecision(PermitApplication Application, bool Approved, string Reason);

/// <summary>
/// Screens a season's worth of foraging permit applications. The batch can run to
/// tens of thousands of rows, so it is evaluated with PLINQ.
/// </summary>
public sealed class PermitScreening
{
    private readonly IReadOnlyDictionary<string, int> _zoneQuotaKg;

    public PermitScreening(IReadOnlyDictionary<string, int> zoneQuotaKg)
    {
        _zoneQuotaKg = zoneQuotaKg;
    }

    public (IReadOnlyList<PermitDecision> Decisions, IReadOnlyCollection<string> Duplicates) Screen(
        IEnumerable<PermitApplication> applications)
    {
        var seenLicenses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new ConcurrentBag<string>();

        var decisions = applications
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(app =>
            {
                if (!seenLicenses.Add(app.LicenseNo))
                {
                    duplicates.Add(app.LicenseNo);
                    return new PermitDecision(app, false, "duplicate licence");
                }

                return Evaluate(app);
            })
            .ToList();

        return (decisions, duplicates.ToArray());
    }

    private PermitDecision Evaluate(PermitApplication app)
    {
        if (!_zoneQuotaKg.TryGetValue(app.Zone, out int quota))
        {
            return new PermitDecision(app, false, "zone closed");
        }

        if (app.KilogramsRequested <= 0)
        {
            return new PermitDecision(app, false, "no quantity");
        }

        return app.KilogramsRequested <= quota
            ? new PermitDecision(app, true, "within zone quota")
            : new PermitDecision(app, false, $"exceeds {quota} kg");
    }
}
