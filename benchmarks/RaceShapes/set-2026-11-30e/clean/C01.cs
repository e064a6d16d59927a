using System.Net.Sockets;

namespace Relay.Smtp.Pooling;

/// <summary>
/// Reuses authenticated SMTP sessions to the relay host. The mail sender service is a singleton
/// and sends messages from many request threads, all of which go through this pool.
/// </summary>
public sealed class SmtpSessionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly Stack<SmtpSession> _idle = new();
    private readonly object _gate = new();
    private int _opened;
    private bool _disposed;

    public SmtpSessionPool(string host, int port, int maxIdle = 8)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int IdleCount
    {
        get { lock (_gate) return _idle.Count; }
    }

    public int OpenedCount
    {
        get { lock (_gate) return _opened; }
    }

    public async Task<SmtpSession> RentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.Count > 0)
            {
                var session = _idle.Pop();
                if (session.IsAlive)
                {
                    return session;
                }

                session.Dispose();
            }

            _opened++;
        }

        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new SmtpSession(client);
    }

    public void Return(SmtpSession session)
    {
        lock (_gate)
        {
            if (!_disposed && session.IsAlive && _idle.Count < _maxIdle)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Dispose();
    }

    public void Dispose()
    {
        List<SmtpSession> toClose;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            toClose = new List<SmtpSession>(_idle);
            _idle.Clear();
        }

        foreach (var session in toClose)
        {
            session.Dispose();
        }
    }
}

/// <summary>An open session to the relay. Used by one sender at a time.</summary>
public sealed class SmtpSession : IDisposable
{
    private readonly TcpClient _client;

    public SmtpSession(TcpClient client) => _client = client;

    public bool IsAlive => _client.Connected;

    public NetworkStream Stream => _client.GetStream();

    public void Dispose() => _client.Dispose();
}
