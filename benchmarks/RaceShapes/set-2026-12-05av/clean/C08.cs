namespace Blind48.OysterFarm.Grading;

public interface IGradingSurvey
{
    IEnumerable<(string BagId, int Count, double AvgLengthMm)> CurrentBags();
}

/// <summary>
/// Snapshot of how many oysters sit in each size grade.
/// </summary>
public sealed class GradeSheet
{
    public GradeSheet(DateTimeOffset surveyedAt, IReadOnlyDictionary<string, int> countsByGrade, int bags)
    {
        SurveyedAt = surveyedAt;
        CountsByGrade = countsByGrade;
        Bags = bags;
    }

    public DateTimeOffset SurveyedAt { get; }
    public IReadOnlyDictionary<string, int> CountsByGrade { get; }
    public int Bags { get; }
}

/// <summary>
/// Current grade sheet for the sales team. Refreshed by the grading job after
/// each tumbling run; read by the order desk API on request threads.
/// </summary>
public sealed class GradeSheetBoard
{
    private GradeSheet? _current;

    public GradeSheet? Current => Volatile.Read(ref _current);

    public void Refresh(IGradingSurvey survey)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var bags = 0;

        foreach (var (_, count, length) in survey.CurrentBags())
        {
            var grade = length switch
            {
                >= 90 => "Jumbo",
                >= 76 => "Large",
                >= 63 => "Medium",
                _ => "Cocktail",
            };

            counts.TryGetValue(grade, out var existing);
            counts[grade] = existing + count;
            bags++;
        }

        var sheet = new GradeSheet(DateTimeOffset.UtcNow, counts, bags);
        Volatile.Write(ref _current, sheet);
    }

    /// <summary>Order desk endpoint: how many of a grade can be promised today.</summary>
    public int Available(string grade)
    {
        var sheet = Current;
        if (sheet is null)
        {
            return 0;
        }

        return sheet.CountsByGrade.TryGetValue(grade, out var n) ? n : 0;
    }
}
