namespace Blind48.OysterFarm.Harvest;

public interface ITideTable
{
    double LowestSafeWadingHeight(DateOnly day);
}

public interface IBedSurvey
{
    IEnumerable<(string BedId, double ExposedAtMeters, bool Closed)> Beds();
}

public sealed class HarvestPlan
{
    public HarvestPlan(DateOnly day, double tideLimitMeters)
    {
        Day = day;
        TideLimitMeters = tideLimitMeters;
    }

    public DateOnly Day { get; }
    public double TideLimitMeters { get; }
    public IReadOnlyList<string> Beds { get; set; } = Array.Empty<string>();
}

/// <summary>
/// Today's harvest plan. Rebuilt by the planner each morning and whenever the
/// tide table is updated; read by the dock tablets through the API.
/// </summary>
public sealed class HarvestPlanBoard
{
    private HarvestPlan? _current;

    public HarvestPlan? Current => Volatile.Read(ref _current);

    public void Rebuild(DateOnly day, ITideTable tides, IBedSurvey survey)
    {
        var limit = tides.LowestSafeWadingHeight(day);
        var plan = new HarvestPlan(day, limit);
        Volatile.Write(ref _current, plan);

        plan.Beds = survey.Beds()
            .Where(b => !b.Closed && b.ExposedAtMeters >= limit)
            .OrderBy(b => b.BedId, StringComparer.Ordinal)
            .Select(b => b.BedId)
            .ToList();
    }

    /// <summary>Dock tablet endpoint: the beds a crew should walk to today.</summary>
    public IReadOnlyList<string> BedsForTablet()
    {
        var plan = Current;
        if (plan is null)
        {
            return Array.Empty<string>();
        }

        return plan.Beds;
    }
}

/// <summary>
/// Rebuilds the plan on a schedule; runs on its own background task.
/// </summary>
public sealed class HarvestPlanner
{
    private readonly HarvestPlanBoard _board;
    private readonly ITideTable _tides;
    private readonly IBedSurvey _survey;

    public HarvestPlanner(HarvestPlanBoard board, ITideTable tides, IBedSurvey survey)
    {
        _board = board;
        _tides = tides;
        _survey = survey;
    }

    public async Task RunAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        do
        {
            _board.Rebuild(DateOnly.FromDateTime(DateTime.Today), _tides, _survey);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
