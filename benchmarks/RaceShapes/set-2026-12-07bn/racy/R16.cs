using System.Collections.Immutable;

namespace Blind66.DryStoneWalling.Survey;

public sealed record WallSection(string Id, string Parish, double LengthMetres, int Condition, DateOnly SurveyedOn);

/// <summary>
/// Registry of surveyed wall sections. Registered as a singleton; survey uploads from the
/// field tablets call <see cref="Upsert"/> concurrently, and the map tiles read
/// <see cref="Current"/> on every request.
/// </summary>
public sealed class WallSectionRegistry
{
    private ImmutableDictionary<string, WallSection> _sections =
        ImmutableDictionary.Create<string, WallSection>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, WallSection> Current => _sections;

    public void Upsert(WallSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Condition is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(section), "Condition is graded 1 to 5.");
        }

        var current = _sections;
        if (current.TryGetValue(section.Id, out var existing) && existing.SurveyedOn > section.SurveyedOn)
        {
            return;
        }

        _sections = current.SetItem(section.Id, section);
    }

    public void UpsertMany(IEnumerable<WallSection> sections)
    {
        foreach (var section in sections)
        {
            Upsert(section);
        }
    }

    public double TotalLengthNeedingRepair(string parish) =>
        Current.Values
            .Where(s => string.Equals(s.Parish, parish, StringComparison.OrdinalIgnoreCase) && s.Condition >= 4)
            .Sum(s => s.LengthMetres);

    public IReadOnlyList<WallSection> InParish(string parish) =>
        Current.Values
            .Where(s => string.Equals(s.Parish, parish, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
