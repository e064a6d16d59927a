using System.Threading.Channels;

namespace Blind55.Clean.C15;

/// <summary>An audio guide listening event: which stop a visitor played and for how long.</summary>
public sealed record ListeningEvent(string DeviceId, int StopNumber, TimeSpan Listened, DateTime At);

public interface IAnalyticsClient
{
    Task PostAsync(IReadOnlyList<ListeningEvent> batch, CancellationToken ct);
}

/// <summary>
/// Ships museum audio guide telemetry to the analytics service in batches. The pump task groups
/// events from the device gateway; the shipper task posts the finished batches.
/// </summary>
public sealed class ListeningEventShipper
{
    private const int BatchSize = 200;
    private readonly Channel<List<ListeningEvent>> _outbound =
        Channel.CreateBounded<List<ListeningEvent>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    private readonly IAnalyticsClient _client;
    private long _shipped;

    public ListeningEventShipper(IAnalyticsClient client) => _client = client;

    public long Shipped => Interlocked.Read(ref _shipped);

    public Task RunAsync(ChannelReader<ListeningEvent> source, CancellationToken ct) =>
        Task.WhenAll(PumpAsync(source, ct), ShipAsync(ct));

    private async Task PumpAsync(ChannelReader<ListeningEvent> source, CancellationToken ct)
    {
        var batch = new List<ListeningEvent>(BatchSize);
        try
        {
            await foreach (var e in source.ReadAllAsync(ct))
            {
                batch.Add(e);
                if (batch.Count >= BatchSize)
                {
                    await _outbound.Writer.WriteAsync(batch, ct);
                    batch = new List<ListeningEvent>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await _outbound.Writer.WriteAsync(batch, ct);
            }
        }
        finally
        {
            _outbound.Writer.TryComplete();
        }
    }

    private async Task ShipAsync(CancellationToken ct)
    {
        await foreach (var batch in _outbound.Reader.ReadAllAsync(ct))
        {
            var payload = batch.Where(e => e.Listened > TimeSpan.FromSeconds(2)).ToArray();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await _client.PostAsync(payload, ct);
                    Interlocked.Add(ref _shipped, payload.Length);
                    break;
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                }
            }
        }
    }
}
