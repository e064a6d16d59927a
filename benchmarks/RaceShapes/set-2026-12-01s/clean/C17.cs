namespace LotteryAudit.Fairness;

public sealed record BallFrequencyReport(int DrawsSimulated, long[] Counts, double ChiSquare, bool WithinTolerance);

/// <summary>
/// Independent audit of the draw machine's software fallback: simulates many draws with
/// the same algorithm and checks that every ball comes up about equally often.
/// </summary>
public sealed class DrawSimulationAudit
{
    private readonly int _ballCount;
    private readonly int _ballsPerDraw;

    public DrawSimulationAudit(int ballCount = 49, int ballsPerDraw = 6)
    {
        if (ballsPerDraw > ballCount)
            throw new ArgumentException("Cannot draw more balls than the machine holds.");
        _ballCount = ballCount;
        _ballsPerDraw = ballsPerDraw;
    }

    public BallFrequencyReport Run(int draws, int seed)
    {
        var counts = new long[_ballCount];
        int seedCounter = seed;

        using var rng = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref seedCounter)));

        Parallel.For(0, draws, _ =>
        {
            var random = rng.Value!;
            Span<int> balls = stackalloc int[_ballCount];
            for (int i = 0; i < balls.Length; i++)
                balls[i] = i;

            // Partial Fisher-Yates: the first _ballsPerDraw slots are the drawn balls.
            for (int i = 0; i < _ballsPerDraw; i++)
            {
                int j = random.Next(i, balls.Length);
                (balls[i], balls[j]) = (balls[j], balls[i]);
                Interlocked.Increment(ref counts[balls[i]]);
            }
        });

        double expected = (double)draws * _ballsPerDraw / _ballCount;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // Critical value for 48 degrees of freedom at p = 0.01 is about 73.7.
        return new BallFrequencyReport(draws, counts, chiSquare, chiSquare < 73.7);
    }
}
