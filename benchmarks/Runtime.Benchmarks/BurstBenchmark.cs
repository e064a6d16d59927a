using System.Diagnostics;
using System.Globalization;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// Many calls started at once and awaited together (<c>Task.WhenAll</c> over <c>InvokeAsync</c>), one worker per core:
/// the pattern an awaiting caller's short wait for its own answer could slow down, since each call whose answer comes
/// within the window is answered before the next one is started.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/Runtime.Benchmarks -- burst [calls]</c>. Prints the median
/// time per call of 7 bursts, for a trivial method and one busy for 20 µs.</remarks>
internal static class BurstBenchmark
{
    public static async Task RunAsync(int calls)
    {
        Console.WriteLine($"Load average at start: {LoadAverage.Read()}");
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = Environment.ProcessorCount });
        await pool.WarmUpAsync();
        foreach (int microseconds in new[] { 0, 20 })
        {
            await BurstAsync(pool, calls, microseconds);
            double[] perCall = new double[7];
            for (int run = 0; run < perCall.Length; run++)
            {
                long start = Stopwatch.GetTimestamp();
                await BurstAsync(pool, calls, microseconds);
                perCall[run] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }

            Array.Sort(perCall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Burst of {calls:N0} calls busy {microseconds} µs each, {Environment.ProcessorCount} workers: {perCall[3]:F2} µs per call (median of 7; {perCall[0]:F2}-{perCall[^1]:F2})"));
        }

        Console.WriteLine($"Load average at end: {LoadAverage.Read()}");
    }

    private static async Task BurstAsync(WorkerPool pool, int calls, int microseconds)
    {
        var tasks = new Task<int>[calls];
        for (int i = 0; i < calls; i++)
        {
            tasks[i] = pool.InvokeAsync(BenchmarkMethods.SpinMicroseconds, microseconds);
        }

        await Task.WhenAll(tasks);
    }
}
