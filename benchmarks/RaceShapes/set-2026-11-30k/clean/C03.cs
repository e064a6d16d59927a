using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Telemetry.Metrics
{
    public readonly record struct IngestSnapshot(long Messages, long Bytes, long Rejected, DateTime LastMessageUtc);

    /// <summary>
    /// Counters for the telemetry ingestion endpoint. A single instance is
    /// shared by all receive loops and by the health endpoint.
    /// </summary>
    public sealed class IngestStatistics
    {
        private long _messages;
        private long _bytes;
        private long _rejected;
        private long _lastMessageTicks;

        public void RecordAccepted(int payloadBytes)
        {
            Interlocked.Increment(ref _messages);
            Interlocked.Add(ref _bytes, payloadBytes);
            Interlocked.Exchange(ref _lastMessageTicks, DateTime.UtcNow.Ticks);
        }

        public void RecordRejected() => Interlocked.Increment(ref _rejected);

        public IngestSnapshot Snapshot() => new(
            Interlocked.Read(ref _messages),
            Interlocked.Read(ref _bytes),
            Interlocked.Read(ref _rejected),
            new DateTime(Interlocked.Read(ref _lastMessageTicks), DateTimeKind.Utc));

        public IngestSnapshot SnapshotAndReset() => new(
            Interlocked.Exchange(ref _messages, 0),
            Interlocked.Exchange(ref _bytes, 0),
            Interlocked.Exchange(ref _rejected, 0),
            new DateTime(Interlocked.Read(ref _lastMessageTicks), DateTimeKind.Utc));
    }

    public interface IMessageSource
    {
        ValueTask<byte[]?> ReceiveAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Runs one receive loop per gateway partition and validates each payload.
    /// </summary>
    public sealed class IngestHost
    {
        private readonly IngestStatistics _stats;
        private readonly int _maxPayloadBytes;

        public IngestHost(IngestStatistics stats, int maxPayloadBytes)
        {
            _stats = stats;
            _maxPayloadBytes = maxPayloadBytes;
        }

        public Task RunAsync(IReadOnlyList<IMessageSource> partitions, CancellationToken cancellationToken)
        {
            var loops = partitions.Select(p => Task.Run(() => ReceiveLoopAsync(p, cancellationToken), cancellationToken));
            return Task.WhenAll(loops);
        }

        private async Task ReceiveLoopAsync(IMessageSource source, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var payload = await source.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (payload is null)
                    return;

                if (payload.Length == 0 || payload.Length > _maxPayloadBytes)
                    _stats.RecordRejected();
                else
                    _stats.RecordAccepted(payload.Length);
            }
        }
    }
}
