namespace Dating.Matching.Normalisation;

/// <summary>
/// Normalises raw compatibility scores to z-scores so that cities with generous and
/// strict scoring models can be compared. Workers each own a stripe of the score array;
/// a barrier separates the summing phase from the rescaling phase.
/// </summary>
public sealed class ScoreNormaliser
{
    public void Normalise(double[] scores, int workers)
    {
        if (scores.Length == 0)
        {
            return;
        }

        var partialSums = new double[workers];
        var partialSquares = new double[workers];
        double mean = 0;
        double stdDev = 1;

        using var barrier = new Barrier(workers, _ =>
        {
            var n = scores.Length;
            mean = partialSums.Sum() / n;
            var variance = partialSquares.Sum() / n - mean * mean;
            stdDev = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        });

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            threads[w] = new Thread(() =>
            {
                var (from, to) = Stripe(scores.Length, workers, worker);

                double sum = 0, squares = 0;
                for (var i = from; i < to; i++)
                {
                    sum += scores[i];
                    squares += scores[i] * scores[i];
                }

                partialSums[worker] = sum;
                partialSquares[worker] = squares;

                barrier.SignalAndWait();

                for (var i = from; i < to; i++)
                {
                    scores[i] = (scores[i] - mean) / stdDev;
                }
            });
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    private static (int From, int To) Stripe(int length, int workers, int worker)
    {
        var size = (length + workers - 1) / workers;
        var from = Math.Min(length, worker * size);
        return (from, Math.Min(length, from + size));
    }
}
