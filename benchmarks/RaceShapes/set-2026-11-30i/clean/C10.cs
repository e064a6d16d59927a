using System.Collections.Concurrent;

namespace Maintenance.Jobs;

public sealed class RecurringTask
{
    public required string Key { get; init; }
    public required TimeSpan Every { get; init; }
    public required Func<CancellationToken, ValueTask> Run { get; init; }
}

/// <summary>
/// Executes recurring maintenance tasks (index rebuilds, temp-file cleanup,
/// cache warmers). Each tick runs every due task in parallel.
/// </summary>
public sealed class RecurringTaskRunner
{
    private readonly IReadOnlyList<RecurringTask> _tasks;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _dueAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failureCounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public RecurringTaskRunner(IReadOnlyList<RecurringTask> tasks, TimeProvider time)
    {
        _tasks = tasks;
        _time = time;
    }

    public async Task RunDueAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var due = _tasks.Where(t => _dueAt.GetOrAdd(t.Key, now) <= now).ToArray();

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (task, token) =>
            {
                try
                {
                    await task.Run(token).ConfigureAwait(false);
                    _failureCounts.TryRemove(task.Key, out _);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    int failures = _failureCounts.AddOrUpdate(task.Key, 1, static (_, n) => n + 1);
                    Console.Error.WriteLine($"{task.Key} failed ({failures} in a row): {ex.Message}");
                }

                MarkCompleted(task);
            }).ConfigureAwait(false);
    }

    public DateTimeOffset? NextDue(string key) => _dueAt.TryGetValue(key, out var at) ? at : null;

    private void MarkCompleted(RecurringTask task)
    {
        var next = _time.GetUtcNow() + task.Every;
        _dueAt.AddOrUpdate(task.Key, next, (_, existing) => existing > next ? existing : next);
    }
}
