using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind46.WhaleWatching.Sightings;

public sealed record SightingMessage(int Partition, long Offset, string Vessel, string Species, double Lat, double Lon);

public interface IOffsetStore
{
    Task CommitAsync(IReadOnlyDictionary<int, long> offsets, CancellationToken ct);
}

/// <summary>
/// Consumes the partitioned sightings stream from the tour boats. Each partition is
/// processed in order by its own task; a periodic committer stores the highest
/// processed offset of every partition.
/// </summary>
public sealed class SightingStreamConsumer
{
    private readonly ConcurrentDictionary<int, long> _processed = new();
    private readonly IOffsetStore _offsets;
    private readonly Func<SightingMessage, CancellationToken, Task> _handle;
    private long _handledTotal;

    public SightingStreamConsumer(IOffsetStore offsets, Func<SightingMessage, CancellationToken, Task> handle)
    {
        _offsets = offsets;
        _handle = handle;
    }

    public long HandledTotal => Interlocked.Read(ref _handledTotal);

    public async Task RunAsync(IReadOnlyList<ChannelReader<SightingMessage>> partitions, TimeSpan commitEvery, CancellationToken ct)
    {
        using var stopCommitter = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var committer = CommitLoopAsync(commitEvery, stopCommitter.Token);

        var workers = partitions.Select((reader, index) => Task.Run(() => ConsumePartitionAsync(index, reader, ct), ct)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            stopCommitter.Cancel();
            await committer.ConfigureAwait(false);
            await CommitOnceAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task ConsumePartitionAsync(int partition, ChannelReader<SightingMessage> reader, CancellationToken ct)
    {
        await foreach (var message in reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _handle(message, ct).ConfigureAwait(false);
            _processed[partition] = message.Offset;
            Interlocked.Increment(ref _handledTotal);
        }
    }

    private async Task CommitLoopAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                await CommitOnceAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task CommitOnceAsync(CancellationToken ct)
    {
        var snapshot = _processed.ToArray().ToDictionary(kv => kv.Key, kv => kv.Value + 1);
        return snapshot.Count == 0 ? Task.CompletedTask : _offsets.CommitAsync(snapshot, ct);
    }
}
