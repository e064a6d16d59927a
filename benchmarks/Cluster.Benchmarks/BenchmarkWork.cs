namespace Forklift.Cluster.Benchmarks;

/// <summary>The measured calls: a trivial one (overhead) and a sleep (dispatch parallelism without CPU contention).</summary>
public static partial class BenchmarkWork
{
    [Parallel]
    public static int Add(int a, int b) => a + b;

    [Parallel]
    public static int Nap(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }
}
