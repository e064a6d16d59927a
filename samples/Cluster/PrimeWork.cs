using Forklift;

namespace Cluster;

/// <summary>The work: plain CPU-bound code, the same [Parallel] method a local pool runs.</summary>
public static partial class PrimeWork
{
    /// <summary>Set in each node's worker environment, so a result says which node computed it.</summary>
    public const string NodeVariable = "FORKLIFT_SAMPLE_NODE";

    /// <summary>Counts the primes in [<paramref name="from"/>, <paramref name="to"/>) by trial division.</summary>
    [Parallel]
    public static RangeCount CountPrimes(int from, int to)
    {
        int primes = 0;
        for (int n = Math.Max(from, 2); n < to; n++)
        {
            bool prime = true;
            for (int d = 2; (long)d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                primes++;
            }
        }

        return new RangeCount(primes, Environment.GetEnvironmentVariable(NodeVariable) ?? "local");
    }
}

/// <summary>How many primes a range holds, and the node that counted them.</summary>
public sealed record RangeCount(int Primes, string Node);
