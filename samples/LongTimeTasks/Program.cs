using System.Globalization;
using Forklift;
using LongTimeTasks;

// Python's classic:
//     p = Pool(4)
//     for i in range(5):
//         p.apply_async(long_time_task, args=(i,))
//     p.close(); p.join()
// Five tasks of random length on a pool of four worker processes: four start at once, the fifth waits for a free
// worker.
const int PoolSize = 4;
const int TaskCount = 5;

Console.WriteLine($"Parent process {Environment.ProcessId}. Pool of {PoolSize} worker processes, {TaskCount} tasks.");
await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = PoolSize });

// Start every worker first, so the tasks below measure running and queueing, not process start-up.
await pool.WarmUpAsync();

DateTime origin = DateTime.UtcNow;
var calls = new List<Task<TaskReport>>();
for (int name = 0; name < TaskCount; name++)
{
    int task = name;
    int milliseconds = Random.Shared.Next(1000, 3000);
    var started = new InlineProgress(pid => Console.WriteLine($"[{Seconds(DateTime.UtcNow)}] Run task {task} (worker pid {pid})..."));
    calls.Add(RunAsync(task, milliseconds, started));
}

Console.WriteLine("Waiting for all tasks to finish...");
TaskReport[] reports = await Task.WhenAll(calls);
Console.WriteLine("All tasks done.");
Console.WriteLine();

Console.WriteLine("task | worker pid | started (s) | finished (s)");
foreach (TaskReport report in reports)
{
    Console.WriteLine($"{report.Name,4} | {report.WorkerProcessId,10} | {Seconds(report.StartedUtc),11} | {Seconds(report.FinishedUtc),12}");
}

TaskReport last = reports[TaskCount - 1];
TaskReport firstFree = reports.Take(PoolSize).MinBy(r => r.FinishedUtc)!;
Console.WriteLine();
Console.WriteLine(last.StartedUtc >= firstFree.FinishedUtc
    ? $"task {last.Name} was queued: all {PoolSize} workers were busy until task {firstFree.Name} finished at {Seconds(firstFree.FinishedUtc)} s"
    : $"task {last.Name} started before any worker was free (this must not happen with a pool of {PoolSize})");
Console.WriteLine($"distinct worker processes: {reports.Select(r => r.WorkerProcessId).Distinct().Count()}, none of them this process: {reports.All(r => r.WorkerProcessId != Environment.ProcessId)}");

async Task<TaskReport> RunAsync(int name, int milliseconds, IProgress<int> started)
{
    TaskReport report = await Tasks.LongTimeTaskAsync(pool, name, milliseconds, started);
    Console.WriteLine($"[{Seconds(report.FinishedUtc)}] Task {name} runs {(report.FinishedUtc - report.StartedUtc).TotalSeconds:0.00} seconds (worker pid {report.WorkerProcessId}).");
    return report;
}

string Seconds(DateTime utc) => (utc - origin).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

/// <summary>Runs the callback on the reporting thread at once, so "Run task" lines appear when the task starts.</summary>
internal sealed class InlineProgress(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
