namespace PrintFarm.Scheduling;

public sealed record PrintJob(Guid Id, string StlPath, string Material, TimeSpan EstimatedDuration);

/// <summary>
/// Queue of jobs waiting for a free printer in the 3D print farm. Shared by the upload
/// API (enqueue) and the per-printer worker loops (dequeue).
/// </summary>
public sealed class PrintQueue
{
    private readonly LinkedList<PrintJob> _jobs = new();

    private object SyncRoot => new object();

    public void Enqueue(PrintJob job, bool rush)
    {
        lock (SyncRoot)
        {
            if (rush)
                _jobs.AddFirst(job);
            else
                _jobs.AddLast(job);
        }
    }

    public PrintJob? TryTake(string loadedMaterial)
    {
        lock (SyncRoot)
        {
            for (var node = _jobs.First; node is not null; node = node.Next)
            {
                if (node.Value.Material == loadedMaterial)
                {
                    _jobs.Remove(node);
                    return node.Value;
                }
            }
            return null;
        }
    }

    public int Count
    {
        get { lock (SyncRoot) { return _jobs.Count; } }
    }
}

/// <summary>Worker loop for one physical printer.</summary>
public sealed class PrinterWorker
{
    private readonly PrintQueue _queue;
    private readonly string _printerName;
    private readonly Func<PrintJob, CancellationToken, Task> _print;

    public PrinterWorker(PrintQueue queue, string printerName, Func<PrintJob, CancellationToken, Task> print)
    {
        _queue = queue;
        _printerName = printerName;
        _print = print;
    }

    public string LoadedMaterial { get; set; } = "PLA";

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var job = _queue.TryTake(LoadedMaterial);
            if (job is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                continue;
            }
            await _print(job, ct);
        }
    }
}
