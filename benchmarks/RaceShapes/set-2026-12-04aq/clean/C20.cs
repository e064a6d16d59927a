namespace Blind43.Avalanche.SnowPits;

public sealed record SnowPitProfile(string PitId, double SlopeDeg, IReadOnlyList<(int DepthCm, string Hardness)> Layers);

public sealed record StabilityScore(string PitId, int WeakLayers, double Score);

public interface ISnowPitArchive
{
    Task<SnowPitProfile> LoadAsync(string pitId, CancellationToken ct);
}

/// <summary>
/// Scores snowpack stability for the morning bulletin from the pits dug the day before.
/// Each pit is loaded and scored independently; results keep the order of the input list.
/// </summary>
public sealed class StabilityScorer
{
    private readonly ISnowPitArchive _archive;

    public StabilityScorer(ISnowPitArchive archive) => _archive = archive;

    public async Task<StabilityScore[]> ScoreAllAsync(IReadOnlyList<string> pitIds, CancellationToken ct)
    {
        var scores = new StabilityScore[pitIds.Count];
        var tasks = new Task[pitIds.Count];

        for (var i = 0; i < pitIds.Count; i++)
        {
            var index = i;
            tasks[index] = Task.Run(async () =>
            {
                var profile = await _archive.LoadAsync(pitIds[index], ct).ConfigureAwait(false);
                scores[index] = Score(profile);
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return scores;
    }

    public async Task<string> RegionSummaryAsync(string region, IReadOnlyList<string> pitIds, CancellationToken ct)
    {
        var scores = await ScoreAllAsync(pitIds, ct).ConfigureAwait(false);
        var worst = scores.OrderBy(s => s.Score).First();
        var mean = scores.Average(s => s.Score);
        return $"{region}: mean stability {mean:0.0}, weakest pit {worst.PitId} ({worst.WeakLayers} weak layers)";
    }

    private static StabilityScore Score(SnowPitProfile profile)
    {
        var weak = 0;
        string? previous = null;
        foreach (var (_, hardness) in profile.Layers)
        {
            // A soft layer directly under a harder slab is the classic failure plane.
            if (previous is not null && IsHarder(previous, hardness) && hardness is "F" or "4F")
            {
                weak++;
            }

            previous = hardness;
        }

        var slopePenalty = Math.Max(0, profile.SlopeDeg - 30) / 5;
        var score = Math.Max(0, 10 - weak * 2 - slopePenalty);
        return new StabilityScore(profile.PitId, weak, score);
    }

    private static bool IsHarder(string upper, string lower) => Rank(upper) > Rank(lower);

    private static int Rank(string hardness) => hardness switch
    {
        "F" => 1,
        "4F" => 2,
        "1F" => 3,
        "P" => 4,
        "K" => 5,
        "I" => 6,
        _ => 0,
    };
}
