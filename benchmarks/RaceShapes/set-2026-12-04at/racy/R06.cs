using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind46.SledDogRace.Telemetry;

public sealed record CheckpointLog(string MusherId, string Checkpoint, DateTime ArrivedUtc, int DogsInHarness);

public interface ICheckpointLogShipper
{
    Task ShipAsync(IReadOnlyList<CheckpointLog> batch, CancellationToken ct);
}

/// <summary>
/// Collects checkpoint arrival logs from the race-control endpoints and ships them
/// to the results service in batches. Registered both as a hosted service and as
/// a singleton so that the admin endpoint can force a flush.
/// </summary>
public sealed class CheckpointLogBatcher : BackgroundService
{
    private const int BatchSize = 50;

    private readonly Channel<CheckpointLog> _channel =
        Channel.CreateBounded<CheckpointLog>(new BoundedChannelOptions(1_000) { SingleReader = true });
    private readonly List<CheckpointLog> _batch = new(BatchSize);
    private readonly ICheckpointLogShipper _shipper;

    public CheckpointLogBatcher(ICheckpointLogShipper shipper) => _shipper = shipper;

    public ValueTask EnqueueAsync(CheckpointLog log, CancellationToken ct) =>
        _channel.Writer.WriteAsync(log, ct);

    /// <summary>Pushes whatever is currently buffered, used by the race-control admin page.</summary>
    public Task FlushNowAsync(CancellationToken ct) => ShipBufferedAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var log in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _batch.Add(log);
                if (_batch.Count >= BatchSize)
                    await ShipBufferedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ShipBufferedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ShipBufferedAsync(CancellationToken ct)
    {
        if (_batch.Count == 0)
            return;

        var toSend = _batch.ToArray();
        _batch.Clear();
        await _shipper.ShipAsync(toSend, ct).ConfigureAwait(false);
    }
}

public static class RaceControlEndpoints
{
    public static async Task<int> PostArrivalAsync(CheckpointLogBatcher batcher, CheckpointLog log, CancellationToken ct)
    {
        await batcher.EnqueueAsync(log, ct).ConfigureAwait(false);
        return 202;
    }

    public static async Task<int> PostFlushAsync(CheckpointLogBatcher batcher, CancellationToken ct)
    {
        await batcher.FlushNowAsync(ct).ConfigureAwait(false);
        return 204;
    }
}
