using System.Collections.Concurrent;

namespace Blind65.PearlDiving.Grading;

public sealed record GradingRequest(string IdempotencyKey, string LotId, int PearlCount);

public sealed record GradingReceipt(string LotId, string Certificate, DateTimeOffset IssuedAt);

public interface IGradingLab
{
    Task<GradingReceipt> SubmitAsync(GradingRequest request, CancellationToken token);
}

/// <summary>
/// Makes pearl-lot grading submissions idempotent. Client apps retry on flaky
/// island connections, so the same key often arrives several times at once;
/// every copy gets the result of a single lab submission.
/// </summary>
public sealed class IdempotentGradingService
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GradingReceipt>>> _byKey = new();
    private readonly IGradingLab _lab;

    public IdempotentGradingService(IGradingLab lab) => _lab = lab;

    public Task<GradingReceipt> SubmitAsync(GradingRequest request)
    {
        var entry = _byKey.GetOrAdd(
            request.IdempotencyKey,
            static (_, state) => new Lazy<Task<GradingReceipt>>(
                () => state.Lab.SubmitAsync(state.Request, CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication),
            (Lab: _lab, Request: request));

        return AwaitAndForgetFailuresAsync(request.IdempotencyKey, entry);
    }

    private async Task<GradingReceipt> AwaitAndForgetFailuresAsync(string key, Lazy<Task<GradingReceipt>> entry)
    {
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let a later retry with the same key try again.
            _byKey.TryRemove(new KeyValuePair<string, Lazy<Task<GradingReceipt>>>(key, entry));
            throw;
        }
    }

    public int Remembered => _byKey.Count;
}

public sealed class GradingEndpoint
{
    private readonly IdempotentGradingService _service;

    public GradingEndpoint(IdempotentGradingService service) => _service = service;

    public async Task<string> PostAsync(string key, string lotId, int pearls)
    {
        var receipt = await _service.SubmitAsync(new GradingRequest(key, lotId, pearls));
        return $"{receipt.LotId}: certificate {receipt.Certificate} issued {receipt.IssuedAt:u}";
    }
}
