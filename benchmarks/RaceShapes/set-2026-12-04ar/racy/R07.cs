namespace Blind44.TruffleHunters.Survey;

public sealed record TruffleFind(string DogName, string Grid, double GramsEstimate, DateTime FoundAt);

public interface IDogTracker
{
    string DogName { get; }
    IAsyncEnumerable<TruffleFind> SearchAsync(string woodland, CancellationToken ct);
}

/// <summary>
/// Sends every dog team out over a woodland and gathers what they indicate within the
/// forager's time budget. Results go to the morning market planner.
/// </summary>
public sealed class WoodlandSurvey
{
    private readonly IReadOnlyList<IDogTracker> _teams;

    public WoodlandSurvey(IReadOnlyList<IDogTracker> teams) => _teams = teams;

    public async Task<IReadOnlyList<TruffleFind>> SurveyAsync(string woodland, TimeSpan budget)
    {
        var finds = new List<TruffleFind>();
        var findsLock = new object();

        var sweeps = _teams.Select(team => Task.Run(async () =>
        {
            await foreach (var find in team.SearchAsync(woodland, CancellationToken.None))
            {
                lock (findsLock)
                    finds.Add(find);
            }
        })).ToArray();

        var everyone = Task.WhenAll(sweeps);
        var finished = await Task.WhenAny(everyone, Task.Delay(budget));
        if (finished != everyone)
        {
            // Out of daylight: go with whatever the dogs have marked so far.
            Console.WriteLine($"Survey of {woodland} cut short after {budget.TotalMinutes:F0} minutes.");
        }

        finds.Sort((a, b) => b.GramsEstimate.CompareTo(a.GramsEstimate));
        return finds;
    }
}

/// <summary>Turns a survey into a digging plan for the morning.</summary>
public sealed class DigPlanner
{
    private readonly WoodlandSurvey _survey;

    public DigPlanner(WoodlandSurvey survey) => _survey = survey;

    public async Task<string> PlanAsync(string woodland)
    {
        var finds = await _survey.SurveyAsync(woodland, TimeSpan.FromMinutes(90));
        var byGrid = finds
            .GroupBy(f => f.Grid)
            .Select(g => new { Grid = g.Key, Grams = g.Sum(f => f.GramsEstimate) })
            .OrderByDescending(g => g.Grams)
            .Take(10);
        return string.Join(Environment.NewLine, byGrid.Select(g => $"{g.Grid}: ~{g.Grams:F0} g"));
    }
}

/// <summary>Test double that replays recorded walks.</summary>
public sealed class ReplayTracker : IDogTracker
{
    private readonly IReadOnlyList<TruffleFind> _recorded;

    public ReplayTracker(string dogName, IReadOnlyList<TruffleFind> recorded)
    {
        DogName = dogName;
        _recorded = recorded;
    }

    public string DogName { get; }

    public async IAsyncEnumerable<TruffleFind> SearchAsync(string woodland,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var find in _recorded)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            yield return find;
        }
    }
}
