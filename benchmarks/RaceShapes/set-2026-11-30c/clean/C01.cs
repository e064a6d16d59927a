using System.Net.Sockets;

namespace Contoso.Data.Redis
{
    /// <summary>
    /// Pool of idle multiplexer sockets for a single Redis endpoint. Shared by all
    /// cache clients in the process; idle sockets are closed by a background timer.
    /// </summary>
    public sealed class RedisSocketPool : IDisposable
    {
        private readonly object _sync = new();
        private readonly Stack<IdleSocket> _idle = new();
        private readonly string _host;
        private readonly int _port;
        private readonly int _maxIdle;
        private readonly TimeSpan _idleTimeout;
        private readonly Timer _evictionTimer;
        private bool _disposed;

        public RedisSocketPool(string host, int port, int maxIdle, TimeSpan idleTimeout)
        {
            _host = host;
            _port = port;
            _maxIdle = maxIdle;
            _idleTimeout = idleTimeout;
            _evictionTimer = new Timer(_ => EvictIdle(), null, idleTimeout, idleTimeout);
        }

        public int IdleCount
        {
            get
            {
                lock (_sync)
                {
                    return _idle.Count;
                }
            }
        }

        public async Task<Socket> RentAsync(CancellationToken cancellationToken)
        {
            lock (_sync)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                while (_idle.TryPop(out var idle))
                {
                    if (idle.Socket.Connected)
                    {
                        return idle.Socket;
                    }
                    idle.Socket.Dispose();
                }
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            return socket;
        }

        public void Return(Socket socket)
        {
            var entry = new IdleSocket(socket, DateTime.UtcNow);
            lock (_sync)
            {
                if (!_disposed && _idle.Count < _maxIdle && socket.Connected)
                {
                    _idle.Push(entry);
                    return;
                }
            }
            socket.Dispose();
        }

        private void EvictIdle()
        {
            var cutoff = DateTime.UtcNow - _idleTimeout;
            List<Socket>? expired = null;

            lock (_sync)
            {
                if (_disposed || _idle.Count == 0)
                {
                    return;
                }

                var keep = new List<IdleSocket>(_idle.Count);
                while (_idle.TryPop(out var entry))
                {
                    if (entry.ReturnedUtc < cutoff)
                    {
                        (expired ??= new List<Socket>()).Add(entry.Socket);
                    }
                    else
                    {
                        keep.Add(entry);
                    }
                }

                // Push back oldest first so the most recently returned socket stays on top.
                for (var i = keep.Count - 1; i >= 0; i--)
                {
                    _idle.Push(keep[i]);
                }
            }

            if (expired is not null)
            {
                foreach (var socket in expired)
                {
                    socket.Dispose();
                }
            }
        }

        public void Dispose()
        {
            _evictionTimer.Dispose();
            lock (_sync)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
                while (_idle.TryPop(out var entry))
                {
                    entry.Socket.Dispose();
                }
            }
        }

        private readonly record struct IdleSocket(Socket Socket, DateTime ReturnedUtc);
    }
}
