using System.Collections.Concurrent;
using System.Threading.Channels;

namespace WingTip.Messaging.Workers
{
    public sealed record WorkItem(string Id, string Queue, string Payload, int Attempt);

    public interface IWorkHandler
    {
        Task HandleAsync(WorkItem item, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Competing consumers over a shared in-memory channel. Duplicates that arrive
    /// while a copy is already being handled are skipped, and per-queue counters
    /// are kept for the admin page.
    /// </summary>
    public sealed class CompetingConsumerPool
    {
        private readonly Channel<WorkItem> _channel;
        private readonly IWorkHandler _handler;
        private readonly int _workers;
        private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _handledPerQueue = new(StringComparer.Ordinal);
        private long _duplicatesSkipped;

        public CompetingConsumerPool(Channel<WorkItem> channel, IWorkHandler handler, int workers)
        {
            _channel = channel;
            _handler = handler;
            _workers = workers;
        }

        public long DuplicatesSkipped => Interlocked.Read(ref _duplicatesSkipped);

        public IReadOnlyDictionary<string, long> HandledPerQueue => new Dictionary<string, long>(_handledPerQueue);

        public Task RunAsync(CancellationToken stoppingToken) =>
            Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkerAsync(stoppingToken), stoppingToken)));

        private async Task WorkerAsync(CancellationToken stoppingToken)
        {
            while (await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_channel.Reader.TryRead(out var item))
                {
                    if (!_inFlight.TryAdd(item.Id, 0))
                    {
                        Interlocked.Increment(ref _duplicatesSkipped);
                        continue;
                    }

                    try
                    {
                        await _handler.HandleAsync(item, stoppingToken).ConfigureAwait(false);
                        _handledPerQueue.AddOrUpdate(item.Queue, 1, static (_, n) => n + 1);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        System.Diagnostics.Trace.TraceError("Work item {0} failed: {1}", item.Id, ex.Message);
                    }
                    finally
                    {
                        _inFlight.TryRemove(item.Id, out _);
                    }
                }
            }
        }
    }
}
