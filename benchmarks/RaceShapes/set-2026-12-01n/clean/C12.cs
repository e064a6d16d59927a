using System.Collections.Concurrent;

namespace PressRoom.Bindery;

public sealed record BinderyJob(string Title, int Copies, int PagesPerCopy);

public sealed record BinderyStatus(string? CurrentTitle, int CopiesDone, int CopiesTotal, int Queued);

/// <summary>
/// Runs the perfect binder. All job state lives on the binder's long-running task; the
/// shop-floor display reads an immutable status record that the task publishes.
/// </summary>
public sealed class BinderyLine : IDisposable
{
    private readonly BlockingCollection<BinderyJob> _jobs = new(boundedCapacity: 50);
    private readonly Task _worker;
    private BinderyStatus _status = new(null, 0, 0, 0);

    public BinderyLine()
    {
        _worker = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public BinderyStatus Status => Volatile.Read(ref _status);

    public void Enqueue(BinderyJob job) => _jobs.Add(job);

    private void Run()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            for (var copy = 1; copy <= job.Copies; copy++)
            {
                Thread.Sleep(job.PagesPerCopy / 50);
                if (copy % 10 == 0 || copy == job.Copies)
                {
                    Volatile.Write(ref _status, new BinderyStatus(job.Title, copy, job.Copies, _jobs.Count));
                }
            }
        }
        Volatile.Write(ref _status, new BinderyStatus(null, 0, 0, 0));
    }

    public void Dispose()
    {
        _jobs.CompleteAdding();
        _worker.Wait();
        _jobs.Dispose();
    }
}

public sealed class ShopFloorDisplay : IDisposable
{
    private readonly Timer _timer;

    public ShopFloorDisplay(BinderyLine line, Action<string> show)
    {
        _timer = new Timer(_ =>
        {
            var s = line.Status;
            show(s.CurrentTitle is null ? $"Binder idle, {s.Queued} queued" : $"{s.CurrentTitle}: {s.CopiesDone}/{s.CopiesTotal}");
        }, null, 0, 1000);
    }

    public void Dispose() => _timer.Dispose();
}
