using System.Net.Sockets;

namespace Contoso.Http.Pooling
{
    /// <summary>
    /// Keeps a small set of idle TCP connections per endpoint so that
    /// handlers can reuse them instead of opening a new socket per request.
    /// A single pool instance is shared by every request sent through the handler.
    /// </summary>
    public sealed class EndpointConnectionPool : IDisposable
    {
        private readonly object _sync = new();
        private readonly List<PooledConnection> _idle = new();
        private readonly string _host;
        private readonly int _port;
        private readonly int _maxIdle;
        private readonly TimeSpan _idleTimeout;
        private readonly Timer _pruneTimer;

        public EndpointConnectionPool(string host, int port, int maxIdle, TimeSpan idleTimeout)
        {
            _host = host;
            _port = port;
            _maxIdle = maxIdle;
            _idleTimeout = idleTimeout;
            _pruneTimer = new Timer(_ => PruneIdleConnections(), null, idleTimeout, idleTimeout);
        }

        public async ValueTask<PooledConnection> RentAsync(CancellationToken cancellationToken)
        {
            lock (_sync)
            {
                while (_idle.Count > 0)
                {
                    var candidate = _idle[_idle.Count - 1];
                    _idle.RemoveAt(_idle.Count - 1);
                    if (candidate.IsUsable)
                    {
                        return candidate;
                    }
                    candidate.Dispose();
                }
            }

            var client = new TcpClient();
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            return new PooledConnection(client);
        }

        public void Return(PooledConnection connection)
        {
            connection.MarkReturned(DateTime.UtcNow);
            lock (_sync)
            {
                if (_idle.Count < _maxIdle && connection.IsUsable)
                {
                    _idle.Add(connection);
                    return;
                }
            }
            connection.Dispose();
        }

        private void PruneIdleConnections()
        {
            var cutoff = DateTime.UtcNow - _idleTimeout;
            var removed = _idle.RemoveAll(c =>
            {
                if (c.ReturnedAtUtc >= cutoff)
                {
                    return false;
                }
                c.Dispose();
                return true;
            });

            if (removed > 0)
            {
                System.Diagnostics.Debug.WriteLine($"Pruned {removed} idle connection(s) to {_host}:{_port}");
            }
        }

        public void Dispose()
        {
            _pruneTimer.Dispose();
            lock (_sync)
            {
                foreach (var c in _idle)
                {
                    c.Dispose();
                }
                _idle.Clear();
            }
        }
    }

    public sealed class PooledConnection : IDisposable
    {
        private readonly TcpClient _client;

        public PooledConnection(TcpClient client) => _client = client;

        public DateTime ReturnedAtUtc { get; private set; }

        public bool IsUsable => _client.Connected;

        public NetworkStream GetStream() => _client.GetStream();

        internal void MarkReturned(DateTime utcNow) => ReturnedAtUtc = utcNow;

        public void Dispose() => _client.Dispose();
    }
}
