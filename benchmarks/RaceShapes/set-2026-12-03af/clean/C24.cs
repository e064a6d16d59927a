namespace Blind32.LocoShed.Boilers;

public sealed record BoilerTicket(string Locomotive, DateOnly LastWashout, int TubeCount);

public sealed record WashoutCheck(string Locomotive, bool Due, int TubesFlagged, string Notes);

public interface IBoilerInspectionApi
{
    Task<int> CountScaledTubesAsync(string locomotive, CancellationToken cancellationToken);
}

/// <summary>
/// Checks which locomotives in the shed are due a boiler washout by asking the
/// inspection system about each one. Results come back in the same order as
/// the tickets so the shed board can show them side by side.
/// </summary>
public sealed class WashoutPlanner
{
    private readonly IBoilerInspectionApi _api;
    private readonly TimeSpan _washoutInterval;

    public WashoutPlanner(IBoilerInspectionApi api, TimeSpan washoutInterval)
    {
        _api = api;
        _washoutInterval = washoutInterval;
    }

    public async Task<WashoutCheck[]> CheckAsync(IReadOnlyList<BoilerTicket> tickets, DateOnly today, CancellationToken ct)
    {
        var checks = new WashoutCheck[tickets.Count];

        await Parallel.ForEachAsync(
            Enumerable.Range(0, tickets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (index, token) =>
            {
                var ticket = tickets[index];
                var scaled = await _api.CountScaledTubesAsync(ticket.Locomotive, token).ConfigureAwait(false);
                var overdue = today.DayNumber - ticket.LastWashout.DayNumber >= _washoutInterval.TotalDays;
                var heavyScale = scaled > ticket.TubeCount / 10;

                checks[index] = new WashoutCheck(
                    ticket.Locomotive,
                    overdue || heavyScale,
                    scaled,
                    heavyScale ? "heavy scale" : overdue ? "interval reached" : "ok");
            }).ConfigureAwait(false);

        return checks;
    }
}

/// <summary>Formats the washout column on the shed board.</summary>
public static class ShedBoard
{
    public static IEnumerable<string> Lines(WashoutCheck[] checks) =>
        checks.Select(c => $"{c.Locomotive,-10} {(c.Due ? "WASHOUT" : "-"),-8} {c.Notes}");
}
