using System.Threading.Channels;

namespace Blind44.PearlFarm.Shipping;

public readonly record struct RaftReading(string RaftId, DateTime TakenUtc, double TempC, double Salinity);

public interface ILabUplink
{
    Task UploadAsync(IReadOnlyList<RaftReading> batch, CancellationToken ct);
}

/// <summary>
/// Ships raft water readings to the lab in batches. Buoy listeners on many threads call
/// <see cref="TryEnqueue"/>; a background loop does the uploads.
/// </summary>
public sealed class RaftReadingShipper : IAsyncDisposable
{
    private const int MaxBatch = 200;

    private readonly Channel<RaftReading> _channel =
        Channel.CreateBounded<RaftReading>(new BoundedChannelOptions(10_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

    private readonly ILabUplink _uplink;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _uploaded;

    public RaftReadingShipper(ILabUplink uplink)
    {
        _uplink = uplink;
        _loop = Task.Run(ShipLoopAsync);
    }

    public long Uploaded => Interlocked.Read(ref _uploaded);

    public bool TryEnqueue(RaftReading reading) => _channel.Writer.TryWrite(reading);

    private async Task ShipLoopAsync()
    {
        var batch = new List<RaftReading>(MaxBatch);
        var reader = _channel.Reader;

        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var reading))
                    batch.Add(reading);

                if (batch.Count < MaxBatch)
                    await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token);

                while (batch.Count < MaxBatch && reader.TryRead(out var late))
                    batch.Add(late);

                await UploadAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var remaining))
            batch.Add(remaining);
        if (batch.Count > 0)
            await UploadAsync(batch);
    }

    private async Task UploadAsync(List<RaftReading> batch)
    {
        try
        {
            await _uplink.UploadAsync(batch, CancellationToken.None);
            Interlocked.Add(ref _uploaded, batch.Count);
        }
        catch (HttpRequestException)
        {
            // Satellite link down; the lab back-fills from the buoys' own storage.
        }
        finally
        {
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        _stopping.Cancel();
        await _loop;
        _stopping.Dispose();
    }
}
