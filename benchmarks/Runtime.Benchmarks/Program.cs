using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Forklift;
using Forklift.Runtime.Benchmarks;

// Child modes used by the measurements below.
if (args is ["pingpong-child"])
{
    PingPongChild();
    return;
}

if (args is ["bare"])
{
    return;
}

if (args is ["payload", ..])
{
    int largest = args.Length > 1 && int.TryParse(args[1], out int mb) ? mb : 1024;
    await PayloadBenchmark.RunAsync(largest);
    return;
}

if (args is ["echo", string size, string count])
{
    // Only the Forklift side of the payload echo, for a profiler: echo <MB> <runs>.
    await PayloadBenchmark.EchoOnlyAsync(int.Parse(size, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture));
    return;
}

if (args is ["roundtrip", ..])
{
    await RoundTripBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1], out int t) ? t : 20_000);
    return;
}

if (args is ["burst", ..])
{
    await BurstBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1], out int calls) ? calls : 10_000);
    return;
}

if (args is ["invoke", string invokeCount])
{
    // Only pool.Invoke's round trip, for a profiler: invoke <calls>.
    await using var invokePool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
    await invokePool.WarmUpAsync();
    double median = RoundTripBenchmark.MeasureInvoke(invokePool, int.Parse(invokeCount, CultureInfo.InvariantCulture));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pool.Invoke, median of {invokeCount}: {median:F2} µs"));
    return;
}

if (args is ["map", ..])
{
    await MapBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1], out int mapWorkers) ? mapWorkers : Environment.ProcessorCount);
    return;
}

if (args is ["copy", ..])
{
    // One large copy on one thread and on two, against Span.CopyTo: copy [MB] [runs].
    CopyBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 11);
    return;
}

if (args is ["strings"])
{
    StringEncodingBenchmark.Run();
    return;
}

int workers = Environment.ProcessorCount;
int roundTrips = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 20_000;
Console.WriteLine($"Forklift runtime benchmark: {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {CpuModel()}");
Console.WriteLine($"Workers: {workers}; round trips: {roundTrips}");
Console.WriteLine();

// 1. Round trip of a trivial call vs a raw pipe ping-pong between two .NET processes (interleaved, see RoundTripBenchmark).
double rawMedian;
double rawAsyncMedian;
double forkliftMedian;
double map200k;
long idleWorkerBytes;
await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = workers }))
{
    await pool.WarmUpAsync();
    (forkliftMedian, rawMedian, rawAsyncMedian) = await RoundTripBenchmark.MeasureAsync(pool, roundTrips);

    // 2. Throughput: 200,000 trivial calls, map style; median of 3 runs after one untimed run, as the Python side does
    // (the first map after start-up JITs the map path and grows the buffers; timing it measured the start, not the map).
    int[] inputs = Enumerable.Range(0, 200_000).ToArray();
    await pool.MapAsync(BenchmarkMethods.Echo, inputs);
    var mapRuns = new List<double>();
    for (int run = 0; run < 3; run++)
    {
        var watch = Stopwatch.StartNew();
        int[] results = await pool.MapAsync(BenchmarkMethods.Echo, inputs);
        mapRuns.Add(watch.Elapsed.TotalSeconds);
        if (results[^1] != 199_999)
        {
            throw new InvalidOperationException("wrong map result");
        }
    }

    map200k = Median(mapRuns);

    // 5. Idle worker memory.
    int pid = await pool.InvokeAsync(BenchmarkMethods.Pid, 0);
    await Task.Delay(500);
    using Process worker = Process.GetProcessById(pid);
    worker.Refresh();
    idleWorkerBytes = worker.WorkingSet64;
}

(double pythonMedian, double pythonMap) = RunPython(Math.Min(roundTrips, 5_000), workers);
Report("Trivial call round trip, median", forkliftMedian, "µs", ("raw .NET pipe ping-pong", rawMedian), ("raw ping-pong behind an async API", rawAsyncMedian), ("Python Pool.apply_async(f).get()", pythonMedian));
Report("200,000 trivial calls, map, median of 3", map200k * 1000, "ms", ("Python Pool.map(f, range(200000))", pythonMap * 1000));

// 3. CPU-bound: 40 tasks of ~50 ms on all cores vs Parallel.ForEach in-process.
int iterations = BenchmarkMethods.Calibrate(TimeSpan.FromMilliseconds(50));
int[] work = Enumerable.Repeat(iterations, 40).ToArray();
double poolCpu;
await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = workers }))
{
    await pool.WarmUpAsync();
    await pool.MapAsync(BenchmarkMethods.Spin, Enumerable.Repeat(iterations / 50, workers * 2));
    var watch = Stopwatch.StartNew();
    await pool.MapAsync(BenchmarkMethods.Spin, work);
    poolCpu = watch.Elapsed.TotalMilliseconds;
}

Parallel.ForEach(Enumerable.Repeat(iterations / 50, workers * 2), new ParallelOptions { MaxDegreeOfParallelism = workers }, i => BenchmarkMethods.SpinWork(i));
var local = Stopwatch.StartNew();
Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => BenchmarkMethods.SpinWork(i));
double localCpu = local.Elapsed.TotalMilliseconds;
Report("40 × ~50 ms CPU tasks, wall time", poolCpu, "ms", ("Parallel.ForEach in-process", localCpu));

// 4. Cold start: a fresh pool's first result vs starting (and ending) a bare .NET process.
var coldStarts = new List<double>();
var bareStarts = new List<double>();
for (int i = 0; i < 5; i++)
{
    var watch = Stopwatch.StartNew();
    await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 }))
    {
        await pool.InvokeAsync(BenchmarkMethods.Echo, 1);
        coldStarts.Add(watch.Elapsed.TotalMilliseconds);
    }

    watch.Restart();
    using Process bare = StartSelf("bare");
    bare.WaitForExit();
    bareStarts.Add(watch.Elapsed.TotalMilliseconds);
}

Report("Cold start to first result, median of 5", Median(coldStarts), "ms", ("bare .NET process start to exit", Median(bareStarts)));

// 6. Memory: an idle worker, and the parent's memory per queued call.
double perQueuedCall;
await using (var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 }))
{
    await pool.WarmUpAsync();
    Task blocker = pool.InvokeAsync(BenchmarkMethods.Pid, 3000);
    const int Queued = 100_000;
    long before = GC.GetTotalMemory(forceFullCollection: true);
    var queued = new Task<int>[Queued];
    for (int i = 0; i < Queued; i++)
    {
        queued[i] = pool.InvokeAsync(BenchmarkMethods.Echo, i);
    }

    long after = GC.GetTotalMemory(forceFullCollection: true);
    perQueuedCall = (after - before - (Queued * IntPtr.Size)) / (double)Queued;
    await Task.WhenAll(queued);
    await blocker;
}

Console.WriteLine($"Idle worker working set: {idleWorkerBytes / (1024.0 * 1024.0):F1} MiB");
Console.WriteLine($"Parent memory per queued call: {perQueuedCall:F0} bytes");

static void Report(string what, double value, string unit, params (string Name, double Value)[] baselines)
{
    Console.WriteLine($"{what}: Forklift {value:F1} {unit}");
    foreach ((string name, double baseline) in baselines)
    {
        Console.WriteLine($"    vs {name}: {baseline:F1} {unit}  (Forklift/baseline = {value / baseline:F2}×)");
    }
}

static void PingPongChild()
{
    using Stream input = Console.OpenStandardInput();
    using Stream output = Console.OpenStandardOutput();
    byte[] buffer = new byte[16];
    while (true)
    {
        try
        {
            input.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            return;
        }

        output.Write(buffer);
    }
}

static Process StartSelf(string mode)
{
    string dll = typeof(BenchmarkMethods).Assembly.Location;
    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
    info.ArgumentList.Add(dll);
    info.ArgumentList.Add(mode);
    return Process.Start(info)!;
}

static (double RoundTripMicroseconds, double MapSeconds) RunPython(int roundTrips, int workers)
{
    string script = Path.Combine(AppContext.BaseDirectory, "python_pool.py");
    var info = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true };
    info.ArgumentList.Add(script);
    info.ArgumentList.Add(roundTrips.ToString(CultureInfo.InvariantCulture));
    info.ArgumentList.Add(workers.ToString(CultureInfo.InvariantCulture));
    using Process python = Process.Start(info)!;
    string output = python.StandardOutput.ReadToEnd();
    python.WaitForExit();
    double Value(string key) => double.Parse(output.Split('\n').First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
    return (Value("roundtrip_median_us"), Value("map200k_s"));
}

static double Median(IEnumerable<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}
