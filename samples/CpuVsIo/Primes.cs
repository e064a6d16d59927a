using Forklift;

namespace CpuVsIo;

public static partial class Primes
{
    /// <summary>Counts the primes in [<paramref name="from"/>, <paramref name="to"/>) by trial division: pure CPU work.</summary>
    [Parallel]
    public static int Count(int from, int to)
    {
        int count = 0;
        for (int n = Math.Max(from, 2); n < to; n++)
        {
            if (IsPrime(n))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsPrime(int n)
    {
        if (n % 2 == 0)
        {
            return n == 2;
        }

        for (int d = 3; d <= n / d; d += 2)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
