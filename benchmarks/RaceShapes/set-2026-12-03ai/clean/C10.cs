namespace Blind35.IceSculpture.Judging;

public sealed record JudgingCriterion(string Code, string Description, double Weight);

public interface ICriteriaSource
{
    IEnumerable<JudgingCriterion> LoadAll();
}

/// <summary>
/// Weighted judging criteria for the ice sculpture festival. Shared by every scoring request;
/// the criteria are read once from the festival rulebook.
/// </summary>
public sealed class CriteriaBook
{
    private readonly Lazy<IReadOnlyDictionary<string, JudgingCriterion>> _byCode;

    public CriteriaBook(ICriteriaSource source)
    {
        _byCode = new Lazy<IReadOnlyDictionary<string, JudgingCriterion>>(
            () =>
            {
                var map = new Dictionary<string, JudgingCriterion>(StringComparer.OrdinalIgnoreCase);
                foreach (var criterion in source.LoadAll())
                {
                    map[criterion.Code] = criterion;
                }

                return map;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public JudgingCriterion? Find(string code) =>
        _byCode.Value.TryGetValue(code, out var criterion) ? criterion : null;

    public double TotalWeight => _byCode.Value.Values.Sum(c => c.Weight);
}

/// <summary>Turns a judge's raw marks into a weighted score; many judges submit at once.</summary>
public sealed class SculptureScorer
{
    private readonly CriteriaBook _book;

    public SculptureScorer(CriteriaBook book) => _book = book;

    public double Score(IReadOnlyDictionary<string, int> marks)
    {
        double weighted = 0;
        foreach (var (code, mark) in marks)
        {
            var criterion = _book.Find(code) ?? throw new ArgumentException($"Unknown criterion {code}");
            weighted += criterion.Weight * Math.Clamp(mark, 0, 10);
        }

        return weighted / _book.TotalWeight;
    }

    public Task<double[]> ScoreAllAsync(IEnumerable<IReadOnlyDictionary<string, int>> sheets) =>
        Task.WhenAll(sheets.Select(s => Task.Run(() => Score(s))));
}
