using System.Diagnostics;
using Forklift.Orleans;

namespace Forklift.Cluster.Benchmarks;

/// <summary>Seconds measured for one restart of a node.</summary>
internal readonly record struct RestartTimes(double Dropped, double Ready, double FirstCallAfterReady, double FirstCallAfterStart);

/// <summary>
/// How soon a node that was killed and started again takes calls: kill -9 a node, wait until the pool dropped it, then
/// start it again on the same ports while callers keep sending small calls, and time its first call.
/// </summary>
internal static class RestartMeasurement
{
    /// <summary>Callers that keep the cluster busy, about two per slot of the 3 one-worker nodes.</summary>
    private const int Callers = 6;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    public static async Task<RestartTimes> MeasureAsync(ClusterWorkerPool pool, NodeProcess node)
    {
        long killedAt = Stopwatch.GetTimestamp();
        node.Kill();
        await WaitAsync(() => !pool.Nodes.Any(n => n.Node.StartsWith(node.AddressPrefix, StringComparison.Ordinal) && n.State == "Active"), "the killed node dropped").ConfigureAwait(false);
        double dropped = Stopwatch.GetElapsedTime(killedAt).TotalSeconds;

        using var stop = new CancellationTokenSource();
        long firstCallAt = 0;
        var callers = new Task[Callers];
        for (int i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (await BenchmarkWork.NapWhereAsync(pool, 5).ConfigureAwait(false) == node.Name)
                    {
                        Interlocked.CompareExchange(ref firstCallAt, Stopwatch.GetTimestamp(), 0);
                    }
                }
            });
        }

        node.Start();
        await node.Ready.WaitAsync(Bound).ConfigureAwait(false);
        await WaitAsync(() => Interlocked.Read(ref firstCallAt) != 0, "a call on the restarted node").ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(callers).ConfigureAwait(false);

        return new RestartTimes(
            dropped,
            Seconds(node.StartedAt, node.ReadyAt),
            Seconds(node.ReadyAt, firstCallAt),
            Seconds(node.StartedAt, firstCallAt));
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Bound)
            {
                throw new TimeoutException($"Timed out after {watch.Elapsed} waiting for: {what}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}
