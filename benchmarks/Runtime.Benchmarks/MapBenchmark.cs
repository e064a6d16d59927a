using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// <c>map</c> mode (issue 14): map throughput with chunk pipelining, side by side in one run with the same pool
/// without pipelining, Python's <c>Pool.map</c>, and CPU-bound work against <c>Parallel.ForEach</c>; the load average
/// is printed before and after, since the machine is shared.
/// </summary>
internal static class MapBenchmark
{
    private const int Calls = 200_000;
    private const int Rounds = 5;

    /// <summary><see cref="BenchmarkMethods.Echo"/> in chunks of 100 inputs.</summary>
    private static readonly Dispatch.ParallelMethod<int, int> SmallChunks = new(
        BenchmarkMethods.Echo.Id, "Echo", typeof(BenchmarkMethods), BenchmarkMethods.Echo.Arguments, BenchmarkMethods.Echo.Result, (x, _) => ValueTask.FromResult(x), new Dispatch.ParallelMethodOptions { ChunkSize = 100 });

    /// <summary><see cref="BenchmarkMethods.Echo"/> with a codec that is not blittable: every input and result goes
    /// through the codec one at a time, length-prefixed (the format every map used before the block copy).</summary>
    private static readonly Dispatch.ParallelMethod<int, int> PerValue = new(
        BenchmarkMethods.Echo.Id, "Echo", typeof(BenchmarkMethods), BenchmarkMethods.PerValueInt32Codec.Instance, BenchmarkMethods.PerValueInt32Codec.Instance, (x, _) => ValueTask.FromResult(x));

    public static async Task RunAsync(int workers)
    {
        Console.WriteLine($"Forklift map benchmark: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {workers} workers");
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        int[] inputs = Enumerable.Range(0, Calls).ToArray();

        // Trivial calls: the two pools alternate round by round so both see the same load.
        var pipelined = new List<double>();
        var unpipelined = new List<double>();
        var unordered = new List<double>();
        var smallPipelined = new List<double>();
        var smallPlain = new List<double>();
        var perValue = new List<double>();
        await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = workers }))
        await using (var plain = new WorkerPool(new WorkerPoolOptions { Workers = workers, PipelineChunks = false }))
        {
            await pool.WarmUpAsync();
            await plain.WarmUpAsync();
            await pool.MapAsync(BenchmarkMethods.Echo, inputs);
            await plain.MapAsync(BenchmarkMethods.Echo, inputs);
            for (int round = 0; round < Rounds; round++)
            {
                // Which pool goes first alternates, so neither always inherits the garbage of the unordered run; the same map
                // with per-value encoding (on the pool with pipelining) goes last, then first.
                if (round % 2 == 0)
                {
                    pipelined.Add(await TimeMapAsync(pool, inputs));
                    unpipelined.Add(await TimeMapAsync(plain, inputs));
                    perValue.Add(await TimeMapAsync(pool, inputs, PerValue));
                }
                else
                {
                    perValue.Add(await TimeMapAsync(pool, inputs, PerValue));
                    unpipelined.Add(await TimeMapAsync(plain, inputs));
                    pipelined.Add(await TimeMapAsync(pool, inputs));
                }

                unordered.Add(await TimeUnorderedAsync(pool, inputs));

                // Chunks of 100 (2,000 chunks): where a round trip per chunk is a real share of the time.
                if (round % 2 == 0)
                {
                    smallPipelined.Add(await TimeMapAsync(pool, inputs, SmallChunks));
                    smallPlain.Add(await TimeMapAsync(plain, inputs, SmallChunks));
                }
                else
                {
                    smallPlain.Add(await TimeMapAsync(plain, inputs, SmallChunks));
                    smallPipelined.Add(await TimeMapAsync(pool, inputs, SmallChunks));
                }
            }
        }

        double python = RunPythonMap(workers);
        Console.WriteLine($"{Calls:N0} trivial calls, median of {Rounds} (Python: median of 3):");
        Console.WriteLine($"    MapAsync, pipelined:           {Median(pipelined):F1} ms");
        Console.WriteLine($"    MapAsync, not pipelined:       {Median(unpipelined):F1} ms  (pipelined/not = {Median(pipelined) / Median(unpipelined):F2}×)");
        Console.WriteLine($"    MapAsync, per-value codec:     {Median(perValue):F1} ms  (block copy/per value = {Median(pipelined) / Median(perValue):F2}×)");
        Console.WriteLine($"    UnorderedAsync, per item:      {Median(unordered):F1} ms");
        Console.WriteLine($"    MapAsync, chunks of 100, pipelined: {Median(smallPipelined):F1} ms; not pipelined: {Median(smallPlain):F1} ms  (pipelined/not = {Median(smallPipelined) / Median(smallPlain):F2}×)");
        Console.WriteLine($"    Python Pool.map:               {python:F1} ms  (Python/Forklift pipelined = {python / Median(pipelined):F1}× faster; per-value codec: {python / Median(perValue):F1}×)");

        // CPU-bound: 40 inputs of ~50 ms, one per chunk; pool and Parallel.ForEach alternate, median of each.
        int iterations = BenchmarkMethods.Calibrate(TimeSpan.FromMilliseconds(50));
        int[] work = Enumerable.Repeat(iterations, 40).ToArray();
        var poolCpu = new List<double>();
        var localCpu = new List<double>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = workers }))
        {
            await pool.WarmUpAsync();
            await pool.MapAsync(BenchmarkMethods.Spin, Enumerable.Repeat(iterations / 50, workers * 2));
            Parallel.ForEach(Enumerable.Repeat(iterations / 50, workers * 2), parallel, i => BenchmarkMethods.SpinWork(i));
            for (int round = 0; round < Rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                await pool.MapAsync(BenchmarkMethods.Spin, work);
                poolCpu.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                Parallel.ForEach(work, parallel, i => BenchmarkMethods.SpinWork(i));
                localCpu.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"40 × ~50 ms CPU tasks, median of {Rounds}:");
        Console.WriteLine($"    MapAsync (ChunkSize 1):        {Median(poolCpu):F1} ms");
        Console.WriteLine($"    Parallel.ForEach in-process:   {Median(localCpu):F1} ms  (Forklift/Parallel.ForEach = {Median(poolCpu) / Median(localCpu):F3}×)");
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    private static async Task<double> TimeMapAsync(WorkerPool pool, int[] inputs, Dispatch.ParallelMethod<int, int>? method = null)
    {
        // Each measurement starts with the previous one's garbage collected.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        int[] results = await pool.MapAsync(method ?? BenchmarkMethods.Echo, inputs);
        double ms = watch.Elapsed.TotalMilliseconds;
        if (results[^1] != inputs[^1])
        {
            throw new InvalidOperationException("wrong map result");
        }

        return ms;
    }

    private static async Task<double> TimeUnorderedAsync(WorkerPool pool, int[] inputs)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        long sum = 0;
        await foreach ((int index, int result) in pool.UnorderedAsync(BenchmarkMethods.Echo, inputs))
        {
            sum += result - index;
        }

        double ms = watch.Elapsed.TotalMilliseconds;
        if (sum != 0)
        {
            throw new InvalidOperationException("wrong unordered result");
        }

        return ms;
    }

    /// <summary>Python's <c>Pool.map(f, range(200000))</c> with the same number of workers, median of 3, in ms.</summary>
    private static double RunPythonMap(int workers)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "python_pool.py");
        var info = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("1");
        info.ArgumentList.Add(workers.ToString(CultureInfo.InvariantCulture));
        using Process python = Process.Start(info)!;
        string output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        string line = output.Split('\n').First(l => l.StartsWith("map200k_s", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture) * 1000;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
