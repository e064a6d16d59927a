using System.Diagnostics;

namespace Forklift.Orleans.Tests.Methods;

/// <summary>Ordinary [Parallel] methods, unchanged from what a local pool runs, used by every cluster test.</summary>
public static partial class ClusterWork
{
    /// <summary>Names the node a worker belongs to: each test node sets it in its pool's worker environment.</summary>
    public const string NodeVariable = "FORKLIFT_TEST_NODE";

    [Parallel]
    public static int Add(int a, int b) => a + b;

    [Parallel]
    public static long Square(long x) => x * x;

    /// <summary>Sleeps, then says which node ran it.</summary>
    [Parallel(MaxRetries = 1)]
    public static string Nap(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Environment.GetEnvironmentVariable(NodeVariable) ?? "?";
    }

    /// <summary>As <see cref="Nap"/>, without retries: a lost node fails it.</summary>
    [Parallel]
    public static string NapOnce(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Environment.GetEnvironmentVariable(NodeVariable) ?? "?";
    }

    /// <summary>Sleeps, with a time limit of 2 s per input and chunks of 4 inputs.</summary>
    [Parallel(TimeoutMilliseconds = 2000, ChunkSize = 4)]
    public static int NapWithinLimit(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    [Parallel]
    public static int Fail(string message) => throw new InvalidOperationException(message, new ArgumentException("inner " + message));

    [Parallel]
    public static int Crash(int exitCode)
    {
        Environment.Exit(exitCode);
        return 0;
    }

    /// <summary>Runs until cancelled; writes a file when it sees the cancellation, so a test can wait for that.</summary>
    [Parallel]
    public static int WaitForCancel(string markerFile, CancellationToken cancellationToken)
    {
        File.WriteAllText(markerFile + ".started", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(10);
        }

        File.WriteAllText(markerFile, cancellationToken.IsCancellationRequested ? "canceled" : "timed out");
        return 0;
    }

    [Parallel]
    public static int Steps(int count, IProgress<int> progress)
    {
        for (int i = 1; i <= count; i++)
        {
            progress.Report(i);
        }

        return count;
    }

    /// <summary>Counts primes in [from, to): the CPU-bound work of the sample and the benchmark.</summary>
    [Parallel]
    public static int CountPrimes(int from, int to)
    {
        int count = 0;
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
                count++;
            }
        }

        return count;
    }
}
