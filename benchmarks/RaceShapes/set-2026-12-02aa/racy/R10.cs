namespace Blind27.SaltMarsh.Surveys;

public sealed record QuadratCount(int Quadrat, string Species, int Stems, bool Verified);

public sealed record TransectSummary(int Quadrats, int TotalStems, bool Partial);

/// <summary>
/// Runs one transect survey: pulls quadrat counts from the field tablet feed until
/// the feed ends or the survey leader calls it off (tide coming in).
/// </summary>
public sealed class TransectSurveyRun
{
    private readonly List<QuadratCount> _counts = new();
    private volatile bool _calledOff;

    public async Task<TransectSummary> RunAsync(IAsyncEnumerable<QuadratCount> feed, CancellationToken tideWarning)
    {
        using var registration = tideWarning.Register(DiscardUnverified);

        await foreach (var count in feed.ConfigureAwait(false))
        {
            if (_calledOff)
            {
                break;
            }

            _counts.Add(count);
        }

        return Summarise();
    }

    // When the tide warning fires, unverified counts are thrown away so the
    // partial transect only contains data a second surveyor has checked.
    private void DiscardUnverified()
    {
        _calledOff = true;
        _counts.RemoveAll(c => !c.Verified);
    }

    private TransectSummary Summarise()
    {
        var quadrats = _counts.Select(c => c.Quadrat).Distinct().Count();
        var stems = _counts.Sum(c => c.Stems);
        return new TransectSummary(quadrats, stems, _calledOff);
    }
}

/// <summary>Coordinates the surveys for one tide window.</summary>
public sealed class TideWindowCoordinator : IDisposable
{
    private readonly CancellationTokenSource _tide = new();

    public void TideWarningReceived() => _tide.Cancel();

    public Task<TransectSummary> SurveyAsync(IAsyncEnumerable<QuadratCount> feed) =>
        new TransectSurveyRun().RunAsync(feed, _tide.Token);

    public void ScheduleWarning(TimeSpan untilHighWater) =>
        _tide.CancelAfter(untilHighWater - TimeSpan.FromMinutes(20));

    public void Dispose() => _tide.Dispose();
}
