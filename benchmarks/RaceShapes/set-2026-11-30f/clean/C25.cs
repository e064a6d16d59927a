using System.Collections.Concurrent;

namespace Printing.Spooler;

public sealed record PrintJob(int Id, string Kind, byte[] Document);

/// <summary>
/// Fixed pool of worker threads that pull print jobs from a queue and route
/// them by kind. The route table is fixed when the spooler is constructed.
/// </summary>
public sealed class PrintSpooler : IDisposable
{
    private readonly BlockingCollection<PrintJob> _queue = new(boundedCapacity: 500);
    private readonly Dictionary<string, Action<PrintJob>> _routes;
    private readonly Thread[] _workers;
    private readonly string _spoolerName;
    private long _printed;
    private long _rejected;

    public PrintSpooler(string spoolerName, IReadOnlyDictionary<string, Action<PrintJob>> routes, int workerCount)
    {
        _spoolerName = spoolerName;
        _routes = new Dictionary<string, Action<PrintJob>>(routes, StringComparer.OrdinalIgnoreCase);
        _workers = new Thread[workerCount];

        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop)
            {
                IsBackground = true,
                Name = $"{spoolerName}-worker-{i}",
            };
        }

        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    public long Printed => Interlocked.Read(ref _printed);
    public long Rejected => Interlocked.Read(ref _rejected);

    public bool Submit(PrintJob job) => _queue.TryAdd(job, TimeSpan.FromSeconds(2));

    private void WorkerLoop()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (!_routes.TryGetValue(job.Kind, out var route))
            {
                Interlocked.Increment(ref _rejected);
                Console.Error.WriteLine($"{_spoolerName}: no route for job {job.Id} of kind '{job.Kind}'.");
                continue;
            }

            try
            {
                route(job);
                Interlocked.Increment(ref _printed);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _rejected);
                Console.Error.WriteLine($"{_spoolerName}: job {job.Id} failed: {ex.Message}");
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        _queue.Dispose();
    }
}
