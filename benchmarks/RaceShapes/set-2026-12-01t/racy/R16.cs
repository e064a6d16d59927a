using System.Text.Json;

namespace Vending.Telemetry;

public sealed record VendEvent(string MachineId, string Slot, long PriceCents, DateTimeOffset At);

/// <summary>
/// Revenue totals for the fleet. A single instance is shared by all MQTT
/// message handlers; the broker client dispatches messages on up to eight
/// handler threads at once.
/// </summary>
public sealed class FleetRevenue
{
    private long _totalCents;
    private int _vendCount;

    public long TotalCents => Volatile.Read(ref _totalCents);

    public int VendCount => Volatile.Read(ref _vendCount);

    public void Add(VendEvent vend)
    {
        var current = Volatile.Read(ref _totalCents);
        Volatile.Write(ref _totalCents, current + vend.PriceCents);
        Interlocked.Increment(ref _vendCount);
    }

    public decimal AverageSale()
    {
        var count = VendCount;
        return count == 0 ? 0m : TotalCents / 100m / count;
    }
}

/// <summary>
/// Handles "vending/+/vend" messages from the broker.
/// </summary>
public sealed class VendMessageHandler
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly FleetRevenue _revenue;
    private readonly SemaphoreSlim _handlerSlots = new(8, 8);

    public VendMessageHandler(FleetRevenue revenue) => _revenue = revenue;

    public async Task OnMessageAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _handlerSlots.WaitAsync(ct);
        try
        {
            var vend = JsonSerializer.Deserialize<VendEvent>(payload.Span, JsonOptions);
            if (vend is null || vend.PriceCents <= 0)
            {
                return;
            }
            _revenue.Add(vend);
        }
        finally
        {
            _handlerSlots.Release();
        }
    }

    public Task DispatchAsync(IEnumerable<(string Topic, byte[] Payload)> batch, CancellationToken ct) =>
        Task.WhenAll(batch.Select(m => Task.Run(() => OnMessageAsync(m.Topic, m.Payload, ct), ct)));
}
