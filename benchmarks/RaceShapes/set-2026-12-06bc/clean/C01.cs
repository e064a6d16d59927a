namespace Blind55.Clean.C01;

public interface ISmsGateway
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// Sends "your car is ready" texts for the car wash. One instance is shared by every wash bay
/// controller; the gateway contract allows at most a handful of requests in flight.
/// </summary>
public sealed class ReadyTextSender : IDisposable
{
    private readonly SemaphoreSlim _inFlight;
    private readonly ISmsGateway _gateway;
    private long _sent;
    private long _failed;

    public ReadyTextSender(ISmsGateway gateway, int maxConcurrent = 4)
    {
        _gateway = gateway;
        _inFlight = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public long Sent => Interlocked.Read(ref _sent);
    public long Failed => Interlocked.Read(ref _failed);

    public async Task<bool> NotifyAsync(string phone, string plate, int bay, CancellationToken ct)
    {
        await _inFlight.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _gateway.SendAsync(phone, $"Your car {plate} is ready at bay {bay}. Drive safe!", ct).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public void Dispose() => _inFlight.Dispose();
}

public sealed record FinishedWash(string Plate, string Phone, int Bay);

public sealed class BayController
{
    private readonly ReadyTextSender _sender;

    public BayController(ReadyTextSender sender) => _sender = sender;

    public async Task<int> NotifyBatchAsync(IReadOnlyList<FinishedWash> washes, CancellationToken ct)
    {
        var results = await Task.WhenAll(washes.Select(w => _sender.NotifyAsync(w.Phone, w.Plate, w.Bay, ct)));
        return results.Count(ok => ok);
    }
}
