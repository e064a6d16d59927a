namespace Blind61.AmbulanceDispatch.Transfers;

public sealed record TransferRequest(string Reference, int Priority, string FromHospital, string ToHospital);

/// <summary>
/// Inter-hospital transfer requests waiting for a patient-transport vehicle. Ward clerks'
/// requests arrive on many request threads; several vehicle allocator tasks take from it.
/// </summary>
public sealed class TransferQueue
{
    private readonly PriorityQueue<TransferRequest, (int Priority, long Sequence)> _queue = new();
    private readonly object _sync = new();
    private readonly SemaphoreSlim _items = new(0);
    private long _sequence;

    public void Enqueue(TransferRequest request)
    {
        lock (_sync)
        {
            _queue.Enqueue(request, (request.Priority, _sequence++));
        }
        _items.Release();
    }

    public async Task<TransferRequest> DequeueAsync(CancellationToken ct)
    {
        await _items.WaitAsync(ct).ConfigureAwait(false);
        lock (_sync)
        {
            return _queue.Dequeue();
        }
    }

    public bool TryPeek(out TransferRequest? next)
    {
        lock (_sync)
        {
            return _queue.TryPeek(out next, out _);
        }
    }

    public int Count
    {
        get { lock (_sync) return _queue.Count; }
    }
}

public interface IVehiclePool
{
    Task<string> ReserveAsync(CancellationToken ct);
    Task SendAsync(string callSign, TransferRequest request, CancellationToken ct);
}

/// <summary>Runs a handful of allocator tasks that pair requests with vehicles.</summary>
public sealed class TransferAllocator
{
    private readonly TransferQueue _queue;
    private readonly IVehiclePool _vehicles;
    private int _allocated;

    public TransferAllocator(TransferQueue queue, IVehiclePool vehicles)
    {
        _queue = queue;
        _vehicles = vehicles;
    }

    public int Allocated => Volatile.Read(ref _allocated);

    public Task RunAsync(int allocators, CancellationToken ct)
    {
        var tasks = new Task[allocators];
        for (var i = 0; i < allocators; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                while (!ct.IsCancellationRequested)
                {
                    var vehicle = await _vehicles.ReserveAsync(ct);
                    var request = await _queue.DequeueAsync(ct);
                    await _vehicles.SendAsync(vehicle, request, ct);
                    Interlocked.Increment(ref _allocated);
                }
            }, ct);
        }
        return Task.WhenAll(tasks);
    }
}
