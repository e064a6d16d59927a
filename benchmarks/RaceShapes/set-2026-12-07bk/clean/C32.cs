using System.Collections.Concurrent;

namespace Blind63.PaperMill.Winder;

public sealed record SlittingJob(string ParentReel, int Sets, double WidthMm);

/// <summary>
/// Distributes slitting jobs across the winder lines. Each line has its own
/// queue; an idle line steals from the busiest other line.
/// </summary>
public sealed class WinderScheduler
{
    private readonly ConcurrentQueue<SlittingJob>[] _lines;
    private readonly Func<int, SlittingJob, Task> _run;
    private long _completed;
    private long _stolen;
    private int _roundRobin = -1;

    public WinderScheduler(int lines, Func<int, SlittingJob, Task> run)
    {
        _lines = Enumerable.Range(0, lines).Select(_ => new ConcurrentQueue<SlittingJob>()).ToArray();
        _run = run;
    }

    public long Completed => Interlocked.Read(ref _completed);
    public long Stolen => Interlocked.Read(ref _stolen);

    public void Submit(SlittingJob job)
    {
        int line = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)_lines.Length);
        _lines[line].Enqueue(job);
    }

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, _lines.Length).Select(i => Task.Run(() => LineLoopAsync(i, ct), ct)));

    private async Task LineLoopAsync(int line, CancellationToken ct)
    {
        var own = _lines[line];
        while (!ct.IsCancellationRequested)
        {
            if (own.TryDequeue(out var job) || TrySteal(line, out job))
            {
                await _run(line, job!).ConfigureAwait(false);
                Interlocked.Increment(ref _completed);
            }
            else
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
    }

    private bool TrySteal(int thief, out SlittingJob? job)
    {
        int victim = -1;
        int deepest = 0;
        for (int i = 0; i < _lines.Length; i++)
        {
            if (i == thief) continue;
            int depth = _lines[i].Count;
            if (depth > deepest)
            {
                deepest = depth;
                victim = i;
            }
        }

        if (victim >= 0 && _lines[victim].TryDequeue(out job))
        {
            Interlocked.Increment(ref _stolen);
            return true;
        }

        job = null;
        return false;
    }
}
