using System.Threading.Channels;

namespace Blind64.AirTankers.Dispatch
{
    public sealed record DropRequest(string FireId, string TankerCallsign, double Lat, double Lon);

    /// <summary>
    /// Queues retardant drop requests for the air tanker base. Dispatchers enqueue from
    /// the incident console; when the fire-behaviour model changes the plan, the duty
    /// officer calls <see cref="ReplanAll"/>, which cancels everything still queued.
    /// </summary>
    public sealed class DropQueue : IDisposable
    {
        private readonly Channel<(DropRequest Request, CancellationToken Token)> _channel =
            Channel.CreateUnbounded<(DropRequest, CancellationToken)>(new UnboundedChannelOptions { SingleReader = true });

        private CancellationTokenSource _planCts = new();

        public ValueTask EnqueueAsync(DropRequest request, CancellationToken ct = default)
        {
            var planToken = _planCts.Token;
            return _channel.Writer.WriteAsync((request, planToken), ct);
        }

        public void ReplanAll()
        {
            var old = _planCts;
            _planCts = new CancellationTokenSource();
            old.Cancel();
            old.Dispose();
        }

        public async Task RunDispatcherAsync(Func<DropRequest, CancellationToken, Task> fly, CancellationToken stoppingToken)
        {
            await foreach (var (request, token) in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                if (token.IsCancellationRequested)
                {
                    continue;
                }

                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stoppingToken);
                try
                {
                    await fly(request, linked.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Superseded by a replan; move on to the next request.
                }
            }
        }

        public void Dispose()
        {
            _channel.Writer.TryComplete();
            _planCts.Dispose();
        }
    }

    /// <summary>Incident console actions, invoked from concurrent web requests.</summary>
    public sealed class IncidentConsole
    {
        private readonly DropQueue _queue;

        public IncidentConsole(DropQueue queue) => _queue = queue;

        public ValueTask RequestDrop(string fireId, string callsign, double lat, double lon) =>
            _queue.EnqueueAsync(new DropRequest(fireId, callsign, lat, lon));

        public void WindShift() => _queue.ReplanAll();
    }
}
