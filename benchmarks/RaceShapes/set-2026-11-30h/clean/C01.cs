using System.Net.Security;
using System.Net.Sockets;

namespace Blind8.Mail.SmtpPooling;

/// <summary>
/// Pool of authenticated TLS connections to the outbound SMTP relay. Shared by
/// every mail-sending component in the process, so Rent and Return are
/// called from many threads.
/// </summary>
public sealed class SmtpConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Queue<SmtpSession> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private int _totalOpened;
    private int _leased;
    private bool _disposed;

    public SmtpConnectionPool(string host, int port = 465, int maxIdle = 8)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public SmtpSession Rent()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.TryDequeue(out var session))
            {
                if (session.IsHealthy)
                {
                    _leased++;
                    return session;
                }

                session.Dispose();
            }

            // Reserve the slot before connecting so statistics stay consistent.
            _totalOpened++;
            _leased++;
        }

        try
        {
            return Open();
        }
        catch
        {
            lock (_sync)
            {
                _leased--;
            }

            throw;
        }
    }

    public void Return(SmtpSession session)
    {
        lock (_sync)
        {
            _leased--;
            if (!_disposed && session.IsHealthy && _idle.Count < _maxIdle)
            {
                _idle.Enqueue(session);
                return;
            }
        }

        session.Dispose();
    }

    public (int Idle, int Leased, int TotalOpened) GetStatistics()
    {
        lock (_sync)
        {
            return (_idle.Count, _leased, _totalOpened);
        }
    }

    private SmtpSession Open()
    {
        var client = new TcpClient(_host, _port);
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        tls.AuthenticateAsClient(_host);
        return new SmtpSession(client, tls);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_idle.TryDequeue(out var session))
            {
                session.Dispose();
            }
        }
    }
}

public sealed class SmtpSession : IDisposable
{
    private readonly TcpClient _client;

    public SmtpSession(TcpClient client, SslStream stream)
    {
        _client = client;
        Stream = stream;
    }

    public SslStream Stream { get; }

    public bool IsHealthy => _client.Connected;

    public void Dispose()
    {
        Stream.Dispose();
        _client.Dispose();
    }
}
