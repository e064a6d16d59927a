namespace Blind63.SheepdogTrials.Scoring;

public sealed record JudgeCard(string JudgeId, string DogName, int Outrun, int Lift, int Fetch, int Drive, int Pen);

public interface IJudgeTablet
{
    string JudgeId { get; }
    Task<IReadOnlyList<JudgeCard>> DownloadCardsAsync(CancellationToken ct);
}

/// <summary>
/// Collects score cards from every judge's tablet at the end of a class and
/// totals the points per dog.
/// </summary>
public sealed class ClassResultCollator
{
    private readonly IReadOnlyList<IJudgeTablet> _tablets;

    public ClassResultCollator(IReadOnlyList<IJudgeTablet> tablets)
    {
        _tablets = tablets;
    }

    public async Task<IReadOnlyList<(string Dog, int Points)>> CollateAsync(CancellationToken ct)
    {
        var totals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();

        var downloads = _tablets.Select(async tablet =>
        {
            IReadOnlyList<JudgeCard> cards;
            try
            {
                cards = await tablet.DownloadCardsAsync(ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                lock (missing)
                {
                    missing.Add(tablet.JudgeId);
                }
                return;
            }

            foreach (var card in cards)
            {
                int points = card.Outrun + card.Lift + card.Fetch + card.Drive + card.Pen;
                totals[card.DogName] = totals.GetValueOrDefault(card.DogName) + points;
            }
        });

        await Task.WhenAll(downloads).ConfigureAwait(false);

        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No cards from judge(s): {string.Join(", ", missing)}");
        }

        return totals
            .OrderByDescending(kv => kv.Value)
            .Select(kv => (kv.Key, kv.Value))
            .ToList();
    }
}
