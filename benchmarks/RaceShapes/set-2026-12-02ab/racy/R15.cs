namespace Blind28.Saffron.Grading;

public sealed record StigmaBatch(string BatchId, string Field, double DryGrams, double Crocin, double Safranal, double Moisture);

public sealed record GradeCertificate(string BatchId, string Grade, double DryGrams);

/// <summary>
/// Grades the dried batches from one harvest day against ISO 3632 style thresholds and
/// totals the weight per grade for the cooperative's buyers.
/// </summary>
public sealed class GradingRun
{
    private readonly Dictionary<string, double> _gramsByGrade = new(StringComparer.Ordinal);
    private readonly DateOnly _harvestDay;

    public GradingRun(DateOnly harvestDay)
    {
        _harvestDay = harvestDay;
    }

    public DateOnly HarvestDay => _harvestDay;

    public IReadOnlyList<GradeCertificate> Grade(IEnumerable<StigmaBatch> batches)
    {
        return batches
            .AsParallel()
            .WithDegreeOfParallelism(4)
            .Where(b => b.DryGrams > 0)
            .Select(batch =>
            {
                var grade = Classify(batch);
                _gramsByGrade[grade] = _gramsByGrade.GetValueOrDefault(grade) + batch.DryGrams;
                return new GradeCertificate(batch.BatchId, grade, batch.DryGrams);
            })
            .OrderBy(c => c.BatchId, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyDictionary<string, double> TotalsByGrade => _gramsByGrade;

    private static string Classify(StigmaBatch batch)
    {
        if (batch.Moisture > 12)
        {
            return "reject";
        }

        return batch.Crocin switch
        {
            >= 190 when batch.Safranal is >= 20 and <= 50 => "I",
            >= 150 => "II",
            >= 110 => "III",
            _ => "reject",
        };
    }
}
