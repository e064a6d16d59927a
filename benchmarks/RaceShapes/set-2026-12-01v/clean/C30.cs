using System.Collections.Frozen;

namespace Blind22.Planetarium.Catalogue;

public sealed record ShowTitle(string Code, string Name, TimeSpan RunTime, int MinimumAge, IReadOnlyList<string> Languages);

public sealed record Screening(ShowTitle Show, DateTimeOffset Start, string Language)
{
    public DateTimeOffset End => Start + Show.RunTime;
}

/// <summary>
/// Show catalogue loaded at start-up and shared read-only by every request in the
/// planetarium's ticketing site. A reload builds a complete new catalogue and swaps it in.
/// </summary>
public sealed class ShowCatalogue
{
    private volatile FrozenDictionary<string, ShowTitle> _byCode;

    public ShowCatalogue(IEnumerable<ShowTitle> shows)
    {
        _byCode = shows.ToFrozenDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
    }

    public ShowTitle? Find(string code) => _byCode.TryGetValue(code, out var s) ? s : null;

    public IEnumerable<ShowTitle> SuitableFor(int age, string language)
        => _byCode.Values.Where(s => s.MinimumAge <= age && s.Languages.Contains(language));

    public void Reload(IEnumerable<ShowTitle> shows)
        => _byCode = shows.ToFrozenDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Screening> PlanDay(DateOnly day, IEnumerable<(string Code, TimeOnly At, string Language)> plan)
    {
        var catalogue = _byCode;
        var screenings = new List<Screening>();
        foreach (var (code, at, language) in plan)
        {
            if (catalogue.TryGetValue(code, out var show) && show.Languages.Contains(language))
            {
                var start = new DateTimeOffset(day.ToDateTime(at));
                screenings.Add(new Screening(show, start, language));
            }
        }
        return screenings;
    }
}

/// <summary>
/// Builds the week's programme for each language in parallel from a shared catalogue.
/// </summary>
public static class WeeklyProgramme
{
    public static IReadOnlyDictionary<string, int> CountScreenings(
        ShowCatalogue catalogue, DateOnly weekStart, IReadOnlyList<(string Code, TimeOnly At, string Language)> dailyPlan)
    {
        return Enumerable.Range(0, 7)
            .AsParallel()
            .SelectMany(offset => catalogue.PlanDay(weekStart.AddDays(offset), dailyPlan))
            .GroupBy(s => s.Language)
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
