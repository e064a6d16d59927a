namespace Blind22.DentalLab.Milling;

public sealed record CrownCase(string CaseId, string Material, double VolumeMm3, int Units);

public sealed record MillingEstimate(string CaseId, TimeSpan MillTime, int BlanksNeeded, string Machine);

public interface IMillSimulator
{
    Task<TimeSpan> SimulateAsync(CrownCase crown, string machine, CancellationToken ct);
}

/// <summary>
/// Plans the overnight milling run: each case is simulated on the right machine and the
/// estimates are collected for the lab manager's schedule.
/// </summary>
public sealed class OvernightMillPlanner
{
    private readonly IMillSimulator _simulator;

    public OvernightMillPlanner(IMillSimulator simulator) => _simulator = simulator;

    public async Task<(IReadOnlyList<MillingEstimate> Estimates, TimeSpan Longest)> PlanAsync(
        IReadOnlyList<CrownCase> cases, CancellationToken ct)
    {
        var estimates = new MillingEstimate[cases.Count];
        var tasks = new Task[cases.Count];

        for (var i = 0; i < cases.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var crown = cases[index];
                var machine = crown.Material switch
                {
                    "zirconia" => "mill-5axis-wet",
                    "emax" => "mill-4axis-wet",
                    _ => "mill-5axis-dry",
                };
                var time = await _simulator.SimulateAsync(crown, machine, ct).ConfigureAwait(false);
                var blanks = (int)Math.Ceiling(crown.Units / 3.0);
                estimates[index] = new MillingEstimate(crown.CaseId, time, blanks, machine);
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);

        var longest = TimeSpan.Zero;
        foreach (var e in estimates)
        {
            if (e.MillTime > longest)
            {
                longest = e.MillTime;
            }
        }
        return (estimates, longest);
    }
}
