namespace Blind61.AmbulanceDispatch;

public enum CallCategory { Cat1 = 1, Cat2 = 2, Cat3 = 3, Cat4 = 4 }

public sealed record EmergencyCall(string Reference, CallCategory Category, string Postcode, DateTimeOffset ReceivedAt);

/// <summary>
/// Calls waiting for a vehicle, highest clinical priority first. Call handlers on the
/// switchboard push calls in; the dispatch loop takes the next one when a crew is free.
/// </summary>
public sealed class CallStack
{
    private readonly PriorityQueue<EmergencyCall, (int Category, long Ticks)> _queue = new();
    private readonly object _sync = new();
    private readonly SemaphoreSlim _available = new(0);

    public void Push(EmergencyCall call)
    {
        lock (_sync)
        {
            _queue.Enqueue(call, ((int)call.Category, call.ReceivedAt.UtcTicks));
        }
        _available.Release();
    }

    public async Task<EmergencyCall> NextAsync(CancellationToken ct)
    {
        await _available.WaitAsync(ct);
        return _queue.Dequeue();
    }

    public int Waiting
    {
        get
        {
            lock (_sync)
            {
                return _queue.Count;
            }
        }
    }
}

public interface ICrewRoster
{
    Task<string> WaitForFreeCrewAsync(string postcode, CancellationToken ct);
    Task AssignAsync(string crewCallSign, EmergencyCall call, CancellationToken ct);
}

/// <summary>Single dispatch loop pairing the next call with the nearest free crew.</summary>
public sealed class DispatchLoop
{
    private readonly CallStack _calls;
    private readonly ICrewRoster _crews;

    public DispatchLoop(CallStack calls, ICrewRoster crews)
    {
        _calls = calls;
        _crews = crews;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var call = await _calls.NextAsync(ct);
            var crew = await _crews.WaitForFreeCrewAsync(call.Postcode, ct);
            await _crews.AssignAsync(crew, call, ct);
        }
    }
}

/// <summary>Switchboard line handlers; each line runs on its own task.</summary>
public sealed class Switchboard
{
    private readonly CallStack _calls;

    public Switchboard(CallStack calls) => _calls = calls;

    public Task RunLinesAsync(IEnumerable<IAsyncEnumerable<EmergencyCall>> lines, CancellationToken ct)
    {
        var tasks = lines.Select(line => Task.Run(async () =>
        {
            await foreach (var call in line.WithCancellation(ct))
                _calls.Push(call);
        }, ct));
        return Task.WhenAll(tasks);
    }
}
