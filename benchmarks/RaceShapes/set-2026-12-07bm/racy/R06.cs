using System.IO;
using System.Net.Sockets;
using System.Text;

namespace Blind65.ShipwreckDiving.Telemetry;

/// <summary>
/// Connection to the surface support boat's dive log receiver.
/// </summary>
public sealed class DiveLogConnection : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private TcpClient? _client;
    private StreamWriter? _writer;

    public DiveLogConnection(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public void Open()
    {
        _client = new TcpClient();
        _client.Connect(_host, _port);
        _writer = new StreamWriter(_client.GetStream(), Encoding.ASCII) { AutoFlush = true };
    }

    public void WriteLine(string line)
    {
        var writer = _writer ?? throw new InvalidOperationException("Dive log connection is not open.");
        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _client?.Dispose();
    }
}

/// <summary>
/// Sends depth and gas readings for every diver on the wreck. Each diver's
/// computer feed runs on its own task and calls <see cref="Send"/>; the
/// connection is opened on first use.
/// </summary>
public sealed class DiveLogClient : IDisposable
{
    private readonly object _connectLock = new();
    private readonly string _host;
    private readonly int _port;
    private DiveLogConnection? _connection;

    public DiveLogClient(string host, int port)
    {
        _host = host;
        _port = port;
    }

    private DiveLogConnection Connection
    {
        get
        {
            var existing = _connection;
            if (existing is not null)
            {
                return existing;
            }

            lock (_connectLock)
            {
                if (_connection is null)
                {
                    _connection = new DiveLogConnection(_host, _port);
                    _connection.Open();
                }
                return _connection;
            }
        }
    }

    public void Send(string diverId, double depthMetres, int gasBar)
    {
        Connection.WriteLine($"{DateTime.UtcNow:O},{diverId},{depthMetres:F1},{gasBar}");
    }

    public void Dispose() => _connection?.Dispose();
}

public static class DiveSession
{
    public static Task RunAsync(DiveLogClient client, IEnumerable<string> divers, CancellationToken token)
    {
        var feeds = divers.Select(diver => Task.Run(async () =>
        {
            var depth = 0.0;
            while (!token.IsCancellationRequested)
            {
                depth = Math.Min(depth + 0.5, 38);
                client.Send(diver, depth, 200 - (int)depth);
                await Task.Delay(1000, token).ConfigureAwait(false);
            }
        }, token));
        return Task.WhenAll(feeds);
    }
}
