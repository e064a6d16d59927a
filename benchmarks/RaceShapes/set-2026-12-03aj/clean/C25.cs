namespace Blind36.Coracles.Weaving;

public sealed record PaddleBlank(int Id, string Timber, double LengthCm, int KnotCount, bool Checked);

public sealed record GradingSummary(int Accepted, int Rejected, IReadOnlyList<string> RejectReasons);

/// <summary>
/// Grades ash and willow paddle blanks for the coracle school's kit packs.
/// </summary>
public sealed class PaddleGrader
{
    private readonly double _minLengthCm;
    private readonly int _maxKnots;

    public PaddleGrader(double minLengthCm = 140, int maxKnots = 2)
    {
        _minLengthCm = minLengthCm;
        _maxKnots = maxKnots;
    }

    public GradingSummary Grade(IReadOnlyList<PaddleBlank> blanks)
    {
        using var rejects = new ThreadLocal<List<string>>(() => new List<string>(), trackAllValues: true);
        int accepted = 0;

        Parallel.For(0, blanks.Count, i =>
        {
            var blank = blanks[i];
            string? reason = Check(blank);
            if (reason is null)
                Interlocked.Increment(ref accepted);
            else
                rejects.Value!.Add($"#{blank.Id} {blank.Timber}: {reason}");
        });

        var allRejects = rejects.Values
            .SelectMany(list => list)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();

        return new GradingSummary(accepted, allRejects.Count, allRejects);
    }

    private string? Check(PaddleBlank b)
    {
        if (b.Checked)
            return "end checks";
        if (b.LengthCm < _minLengthCm)
            return $"short ({b.LengthCm:F0} cm)";
        if (b.KnotCount > _maxKnots)
            return $"{b.KnotCount} knots";
        if (!b.Timber.Equals("ash", StringComparison.OrdinalIgnoreCase) &&
            !b.Timber.Equals("willow", StringComparison.OrdinalIgnoreCase))
            return "wrong timber";
        return null;
    }
}
