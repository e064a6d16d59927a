using System.Collections.Concurrent;

namespace Blind44.CheeseCaves.Probes;

public readonly record struct ProbeReading(int ShelfId, double RelativeHumidity, double TempC);

public interface IProbeBus
{
    void SendQuery(int requestId, int shelfId);
    event Action<int, ProbeReading>? ResponseReceived;
}

/// <summary>
/// Request/response client for the humidity probes on the cave's aging shelves. Replies arrive
/// on the bus's receive thread; callers await them with a timeout. Shared by the climate
/// controller and the affineur's tablet app.
/// </summary>
public sealed class HumidityProbeClient : IDisposable
{
    private readonly IProbeBus _bus;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<ProbeReading>> _pending = new();
    private int _nextRequestId;

    public HumidityProbeClient(IProbeBus bus)
    {
        _bus = bus;
        _bus.ResponseReceived += OnResponse;
    }

    public async Task<ProbeReading> ReadAsync(int shelfId, TimeSpan timeout, CancellationToken ct)
    {
        var requestId = Interlocked.Increment(ref _nextRequestId);
        var tcs = new TaskCompletionSource<ProbeReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = tcs;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(static state =>
        {
            var (source, token) = ((TaskCompletionSource<ProbeReading>, CancellationToken))state!;
            source.TrySetCanceled(token);
        }, (tcs, timeoutCts.Token));

        try
        {
            _bus.SendQuery(requestId, shelfId);
            return await tcs.Task;
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private void OnResponse(int requestId, ProbeReading reading)
    {
        if (_pending.TryRemove(requestId, out var tcs))
            tcs.TrySetResult(reading);
    }

    public void Dispose()
    {
        _bus.ResponseReceived -= OnResponse;
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var tcs))
                tcs.TrySetException(new ObjectDisposedException(nameof(HumidityProbeClient)));
        }
    }
}

/// <summary>Sweeps every shelf and reports the dampest ones.</summary>
public sealed class CaveSurvey
{
    private readonly HumidityProbeClient _client;

    public CaveSurvey(HumidityProbeClient client) => _client = client;

    public async Task<IReadOnlyList<ProbeReading>> DampestAsync(IEnumerable<int> shelves, int top, CancellationToken ct)
    {
        var reads = shelves.Select(async shelf =>
        {
            try { return (ProbeReading?)await _client.ReadAsync(shelf, TimeSpan.FromSeconds(2), ct); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }
        });

        var results = await Task.WhenAll(reads);
        return results.Where(r => r.HasValue).Select(r => r!.Value)
            .OrderByDescending(r => r.RelativeHumidity).Take(top).ToList();
    }
}
