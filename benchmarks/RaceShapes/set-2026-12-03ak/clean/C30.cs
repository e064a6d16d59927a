namespace Blind37.PigeonRacing.Liberation;

public sealed record WeatherReport(string Station, int WindKnots, int VisibilityKm, bool Rain);

public enum LiberationDecision
{
    Liberate,
    Hold,
    NoData,
}

/// <summary>
/// Decides on liberation morning whether the convoyer can release the birds. Weather stations
/// along the route are asked at once; the decision is made from whichever answers arrive
/// before the deadline, and the stragglers are cancelled.
/// </summary>
public sealed class LiberationAdvisor
{
    private readonly Func<string, CancellationToken, Task<WeatherReport>> _askStation;

    public LiberationAdvisor(Func<string, CancellationToken, Task<WeatherReport>> askStation) => _askStation = askStation;

    public async Task<(LiberationDecision Decision, IReadOnlyList<WeatherReport> Reports)> DecideAsync(
        IReadOnlyList<string> stations, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = stations.Select(s => _askStation(s, cts.Token)).ToList();
        var reports = new List<WeatherReport>();
        var timeout = Task.Delay(deadline, cts.Token);

        try
        {
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending.Append(timeout)).ConfigureAwait(false);
                if (finished == timeout)
                {
                    break;
                }

                pending.Remove((Task<WeatherReport>)finished);
                if (finished.IsCompletedSuccessfully)
                {
                    reports.Add(((Task<WeatherReport>)finished).Result);
                }

                // A single bad report along the route is enough to hold the birds.
                if (reports.Count > 0 && !IsFlyable(reports[^1]))
                {
                    break;
                }
            }
        }
        finally
        {
            cts.Cancel();
            // Let the cancelled requests finish before the token source is disposed.
            try
            {
                await Task.WhenAll(pending.Append(timeout)).ConfigureAwait(false);
            }
            catch (Exception) when (cts.IsCancellationRequested)
            {
            }
        }

        if (reports.Count == 0)
        {
            return (LiberationDecision.NoData, reports);
        }

        var decision = reports.All(IsFlyable) ? LiberationDecision.Liberate : LiberationDecision.Hold;
        return (decision, reports);
    }

    private static bool IsFlyable(WeatherReport report) =>
        report.WindKnots <= 20 && report.VisibilityKm >= 5 && !report.Rain;
}
