namespace Blind45.Foraging.Classification;

public sealed record FieldFinding(Guid Id, string Forager, string CapColour, double CapDiameterMm, bool GillsFree, string Habitat);

public sealed record SpeciesMatch(string LatinName, double Confidence, bool IsToxicLookalike);

public sealed record ClassifiedFinding(FieldFinding Finding, SpeciesMatch Match);

public sealed record ClassificationResult(IReadOnlyList<ClassifiedFinding> Classified, IReadOnlyList<FieldFinding> NeedsExpertReview);

public interface IFieldGuide
{
    SpeciesMatch Match(FieldFinding finding);
}

/// <summary>
/// Classifies a weekend's worth of foraging finds against the society's field guide.
/// Low-confidence matches and toxic look-alikes are set aside for the mycologist.
/// </summary>
public sealed class FindingsClassifier
{
    private const double ReviewThreshold = 0.8;
    private readonly IFieldGuide _guide;

    public FindingsClassifier(IFieldGuide guide)
    {
        _guide = guide;
    }

    public ClassificationResult Classify(IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        var needsReview = new List<FieldFinding>();

        var classified = findings
            .AsParallel()
            .WithCancellation(ct)
            .WithDegreeOfParallelism(Math.Max(2, Environment.ProcessorCount))
            .Select(finding =>
            {
                var match = _guide.Match(finding);
                if (match.IsToxicLookalike || match.Confidence < ReviewThreshold)
                {
                    needsReview.Add(finding);
                }

                return new ClassifiedFinding(finding, match);
            })
            .OrderBy(c => c.Finding.Forager, StringComparer.Ordinal)
            .ThenByDescending(c => c.Match.Confidence)
            .ToList();

        return new ClassificationResult(classified, needsReview);
    }

    public static string Summarise(ClassificationResult result)
    {
        var bySpecies = result.Classified
            .GroupBy(c => c.Match.LatinName)
            .OrderByDescending(g => g.Count())
            .Take(5)
            .Select(g => $"{g.Key} x{g.Count()}");

        return $"{result.Classified.Count} finds, {result.NeedsExpertReview.Count} for review; top: {string.Join(", ", bySpecies)}";
    }
}
