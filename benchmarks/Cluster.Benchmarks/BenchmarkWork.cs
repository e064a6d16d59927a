namespace Forklift.Cluster.Benchmarks;

/// <summary>The measured calls: a trivial one (overhead) and a sleep (dispatch parallelism without CPU contention).</summary>
public static partial class BenchmarkWork
{
    /// <summary>Names the node a worker belongs to: each benchmark node sets it in its pool's worker environment.</summary>
    public const string NodeVariable = "FORKLIFT_BENCH_NODE";

    [Parallel]
    public static int Add(int a, int b) => a + b;

    [Parallel]
    public static int Nap(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    /// <summary>Sleeps, then says which node ran it (the restart measurement waits for the restarted node's name).
    /// One retry: a call on the node being killed may or may not have run, and running it twice is harmless.</summary>
    [Parallel(MaxRetries = 1)]
    public static string NapWhere(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Environment.GetEnvironmentVariable(NodeVariable) ?? "?";
    }
}
