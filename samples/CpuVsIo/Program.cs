using System.Diagnostics;
using CpuVsIo;
using Forklift;

// The same CPU-bound job three ways (one thread, many threads, many worker processes) and the same I/O-bound job
// two ways (one request at a time, all at once with async), with wall times and speed-ups.
int upTo = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 6_000_000;
int chunks = Environment.ProcessorCount * 4;
(int From, int To)[] ranges = Enumerable.Range(0, chunks)
    .Select(i => ((int)((long)upTo * i / chunks), (int)((long)upTo * (i + 1) / chunks)))
    .ToArray();

Console.WriteLine($"{Environment.ProcessorCount} cores. CPU job: count the primes below {upTo:N0} in {chunks} chunks. I/O job: 20 requests of 100 ms each.");

// Start the workers before timing: a pool is started once and reused, so start-up is not part of each job.
var coldStart = Stopwatch.StartNew();
await WorkerPool.Default.WarmUpAsync();
coldStart.Stop();
Console.WriteLine($"worker pool started ({Environment.ProcessorCount} processes) in {coldStart.Elapsed.TotalMilliseconds:N0} ms");
Console.WriteLine();

var rows = new List<(string Job, string Model, TimeSpan Time, int Answer)>();

rows.Add(Measure("CPU", "sequential, 1 thread", () => ranges.Sum(r => Primes.Count(r.From, r.To))));
rows.Add(Measure("CPU", "threads (Parallel.For)", () =>
{
    var counts = new int[ranges.Length];
    Parallel.For(0, ranges.Length, i => counts[i] = Primes.Count(ranges[i].From, ranges[i].To));
    return counts.Sum();
}));
rows.Add(await MeasureAsync("CPU", "worker processes ([Parallel])", async () => (await Primes.CountMapAsync(ranges)).Sum()));

rows.Add(await MeasureAsync("I/O", "sequential awaits", async () =>
{
    int done = 0;
    for (int i = 0; i < 20; i++)
    {
        done += await FakeRequestAsync();
    }

    return done;
}));
rows.Add(await MeasureAsync("I/O", "concurrent async (Task.WhenAll)", async () =>
    (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FakeRequestAsync()))).Sum()));

Console.WriteLine($"{"job",-4}| {"model",-32}| {"wall time",10} | {"speed-up",8} | answer");
foreach (var row in rows)
{
    TimeSpan baseline = rows.First(r => r.Job == row.Job).Time;
    Console.WriteLine($"{row.Job,-4}| {row.Model,-32}| {row.Time.TotalMilliseconds,7:N0} ms | {baseline / row.Time,7:0.00}x | {row.Answer:N0}");
}

bool sameAnswer = rows.Where(r => r.Job == "CPU").Select(r => r.Answer).Distinct().Count() == 1;
Console.WriteLine();
Console.WriteLine($"all CPU models agree on the answer: {sameAnswer}");
Console.WriteLine("""

When each model fits:
- CPU-bound work in .NET: threads (Parallel.For, PLINQ) already use every core; there is no GIL. Use [Parallel]
  worker processes when the work must be isolated: it may crash or hang (a worker dies, your process does not),
  leaks memory or holds native state that is not thread-safe, or allocates so much that one process's GC limits it.
  Each call pays for copying its arguments and result between processes, so give workers chunks, not single items.
- I/O-bound work: neither threads nor processes; async/await lets one thread keep many requests in flight.
""");
return sameAnswer ? 0 : 1;

static (string, string, TimeSpan, int) Measure(string job, string model, Func<int> run)
{
    var stopwatch = Stopwatch.StartNew();
    int answer = run();
    return (job, model, stopwatch.Elapsed, answer);
}

static async Task<(string, string, TimeSpan, int)> MeasureAsync(string job, string model, Func<Task<int>> run)
{
    var stopwatch = Stopwatch.StartNew();
    int answer = await run();
    return (job, model, stopwatch.Elapsed, answer);
}

// Stands in for a network call: the thread is free while the "request" is in flight.
static async Task<int> FakeRequestAsync()
{
    await Task.Delay(100);
    return 1;
}
