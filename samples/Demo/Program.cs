using System.Diagnostics;
using Demo;
using Forklift;

// Forklift in one screen. First, what its analyzers report on the samples' deliberate bugs (the diagnostics the IDE
// and the build show); then CPU-bound [Parallel] calls spread over worker processes, progress reported from inside
// the workers, a call that kills its worker (the pool survives it), and a summary.
// Options: --up-to N (count primes below N), --chunks N, --workers N.
DemoOptions options = DemoOptions.Parse(args);
IDemoView view = IDemoView.Create();

await view.ShowDiagnosticsAsync(() => AnalyzerTour.RunAsync());

await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = options.Workers });

// Start every worker before the work is issued: otherwise the workers start on first use, and on a busy machine the
// first one can take every chunk while the others are still starting.
await pool.WarmUpAsync();

(int From, int To)[] ranges = DemoOptions.Split(options.UpTo, options.Chunks);
string title = $"Forklift demo: counting primes below {options.UpTo:N0} in {ranges.Length} chunks on {options.Workers} worker processes (this process: pid {Environment.ProcessId})";

var wallClock = Stopwatch.StartNew();
(ChunkResult[] chunks, Exception? crash) = await view.ShowProgressAsync(title, options.UpTo, async progress =>
{
    // Every call is issued at once and the pool queues what its workers cannot take yet, in order: the crashing
    // call goes in the middle, so a worker dies while the rest of the work is still running.
    int half = ranges.Length / 2;
    List<Task<ChunkResult>> calls = ranges.Take(half).Select(r => PrimeWork.CountPrimesAsync(pool, r.From, r.To, progress)).ToList();
    Task<Exception?> crashCall = CrashOneWorkerAsync(pool, view);
    calls.AddRange(ranges.Skip(half).Select(r => PrimeWork.CountPrimesAsync(pool, r.From, r.To, progress)));

    var results = new List<ChunkResult>(ranges.Length);
    await foreach (Task<ChunkResult> call in Task.WhenEach(calls))
    {
        ChunkResult chunk = await call;
        results.Add(chunk);
        view.ChunkDone(results.Count, ranges.Length, chunk);
    }

    return (results.ToArray(), await crashCall);
});
wallClock.Stop();

view.Summary(new DemoSummary(options.UpTo, options.Workers, Environment.ProcessId, chunks, wallClock.Elapsed, crash));
return crash is WorkerCrashedException ? 0 : 1;

static async Task<Exception?> CrashOneWorkerAsync(WorkerPool pool, IDemoView view)
{
    try
    {
        await PrimeWork.CrashWorkerAsync(pool, 3);
        view.Crashed(new InvalidOperationException("the crashing call returned normally"));
        return null;
    }
    catch (WorkerCrashedException e)
    {
        view.Crashed(e);
        return e;
    }
}

/// <summary>Command-line options; the defaults take a few seconds on two cores.</summary>
internal sealed record DemoOptions(int UpTo, int Chunks, int Workers)
{
    public static DemoOptions Parse(string[] args)
    {
        var options = new DemoOptions(UpTo: 10_000_000, Chunks: 32, Workers: Math.Max(2, Environment.ProcessorCount));
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--up-to" => options with { UpTo = value },
                "--chunks" => options with { Chunks = value },
                "--workers" => options with { Workers = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --up-to, --chunks or --workers."),
            };
        }

        return options;
    }

    /// <summary>Splits [0, upTo) into <paramref name="chunks"/> ranges of nearly equal size.</summary>
    public static (int From, int To)[] Split(int upTo, int chunks)
    {
        var ranges = new (int From, int To)[chunks];
        for (int i = 0; i < chunks; i++)
        {
            ranges[i] = ((int)((long)upTo * i / chunks), (int)((long)upTo * (i + 1) / chunks));
        }

        return ranges;
    }
}
