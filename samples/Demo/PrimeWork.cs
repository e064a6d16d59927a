using Forklift;

namespace Demo;

/// <summary>What one chunk of work found, and where it ran.</summary>
public sealed record ChunkResult(int From, int To, int Primes, int WorkerProcessId, double Milliseconds);

/// <summary>The work the demo sends to worker processes.</summary>
public static partial class PrimeWork
{
    /// <summary>How many numbers a worker checks between two progress reports: often enough for a smooth bar,
    /// rarely enough that reports cost nothing next to the work.</summary>
    private const int ReportEvery = 20_000;

    /// <summary>Counts the primes in [<paramref name="from"/>, <paramref name="to"/>) by trial division: plain
    /// CPU-bound work. Reports how many numbers it has checked as it goes.</summary>
    [Parallel]
    public static ChunkResult CountPrimes(int from, int to, IProgress<int> progress)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        int primes = 0;
        int sinceReport = 0;
        for (int n = from; n < to; n++)
        {
            if (IsPrime(n))
            {
                primes++;
            }

            if (++sinceReport == ReportEvery)
            {
                progress.Report(sinceReport);
                sinceReport = 0;
            }
        }

        if (sinceReport > 0)
        {
            progress.Report(sinceReport);
        }

        double milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new ChunkResult(from, to, primes, Environment.ProcessId, milliseconds);
    }

    /// <summary>Kills the worker process it runs in, the way a native crash or an out-of-memory kill would.</summary>
    [Parallel]
    public static int CrashWorker(int exitCode)
    {
        Environment.Exit(exitCode);
        return exitCode;
    }

    public static bool IsPrime(int n)
    {
        if (n < 2)
        {
            return false;
        }

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
