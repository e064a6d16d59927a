namespace SeedVault.Germination.Trials;

public sealed record SeedLot(string Accession, string Species, int SeedsPlated, double ViabilityPrior);

public sealed record TrialOutcome(string Accession, int Germinated, double Rate);

/// <summary>
/// Runs Monte Carlo germination projections for seed lots due for regeneration,
/// used by the curators to prioritise which accessions to grow out this season.
/// </summary>
public sealed class GerminationProjector
{
    private static int s_seed = Environment.TickCount;
    private readonly int _replicates;

    public GerminationProjector(int replicates = 200)
    {
        _replicates = replicates;
    }

    public IReadOnlyList<TrialOutcome> Project(IReadOnlyList<SeedLot> lots)
    {
        var outcomes = new TrialOutcome[lots.Count];

        using var random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref s_seed)));

        Parallel.For(0, lots.Count, i =>
        {
            var lot = lots[i];
            var rng = random.Value!;
            long germinatedTotal = 0;

            for (int r = 0; r < _replicates; r++)
            {
                int germinated = 0;
                for (int s = 0; s < lot.SeedsPlated; s++)
                {
                    if (rng.NextDouble() < lot.ViabilityPrior)
                    {
                        germinated++;
                    }
                }
                germinatedTotal += germinated;
            }

            int mean = (int)(germinatedTotal / _replicates);
            outcomes[i] = new TrialOutcome(lot.Accession, mean, lot.SeedsPlated == 0 ? 0 : (double)mean / lot.SeedsPlated);
        });

        return outcomes;
    }

    public IReadOnlyList<TrialOutcome> BelowThreshold(IReadOnlyList<SeedLot> lots, double threshold)
        => Project(lots).Where(o => o.Rate < threshold).OrderBy(o => o.Rate).ToList();
}
