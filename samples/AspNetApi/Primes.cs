using Forklift;

namespace AspNetApi;

/// <summary>CPU-bound work that would block a request thread for seconds: it runs in worker processes instead.</summary>
public static partial class Primes
{
    /// <summary>Counts the primes in [from, to) by trial division (deliberately CPU-heavy).</summary>
    [Parallel]
    public static int Count(int from, int to)
    {
        int count = 0;
        for (int n = Math.Max(from, 2); n < to; n++)
        {
            bool prime = true;
            for (int d = 2; d * d <= n && prime; d++)
            {
                prime = n % d != 0;
            }

            if (prime)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Stands in for a long job: reports its worker's pid once it runs, then works for a while.</summary>
    [Parallel]
    public static int Report(int milliseconds, IProgress<int> started)
    {
        started.Report(Environment.ProcessId);
        Thread.Sleep(milliseconds);
        return Environment.ProcessId;
    }
}
