namespace Blind61.HoneyExtraction;

public sealed record ExtractionBatch(string BatchId, string Apiary, double FrameCount, double MoistureIndex);

public interface IFoodStandardsApi
{
    Task<string> SubmitBatchAsync(ExtractionBatch batch, CancellationToken ct);
}

/// <summary>
/// Client for the food-standards traceability API, which allows at most a few calls per
/// second per producer. Shared by the extraction-room tablets and the bottling line.
/// </summary>
public sealed class TraceabilityClient : IDisposable
{
    private readonly IFoodStandardsApi _api;
    private readonly TimeSpan _minSpacing;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _lastCall = DateTimeOffset.MinValue;
    private int _submitted;
    private readonly List<string> _receipts = new();

    public TraceabilityClient(IFoodStandardsApi api, TimeSpan minSpacing, TimeProvider clock)
    {
        _api = api;
        _minSpacing = minSpacing;
        _clock = clock;
    }

    public async Task<string> SubmitAsync(ExtractionBatch batch, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var wait = _lastCall + _minSpacing - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _clock, ct).ConfigureAwait(false);

            var receipt = await _api.SubmitBatchAsync(batch, ct).ConfigureAwait(false);
            _lastCall = _clock.GetUtcNow();
            _submitted++;
            _receipts.Add(receipt);
            return receipt;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(int Submitted, IReadOnlyList<string> Receipts)> StatsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return (_submitted, _receipts.ToArray());
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>Records a finished extraction run and registers it for traceability.</summary>
public sealed class ExtractionRoomService
{
    private readonly TraceabilityClient _client;

    public ExtractionRoomService(TraceabilityClient client) => _client = client;

    public async Task<IReadOnlyList<string>> CloseDayAsync(IEnumerable<ExtractionBatch> batches, CancellationToken ct)
    {
        var accepted = batches.Where(b => b.MoistureIndex <= 18.6).ToList();
        var receipts = await Task.WhenAll(accepted.Select(b => _client.SubmitAsync(b, ct)));
        return receipts;
    }
}
