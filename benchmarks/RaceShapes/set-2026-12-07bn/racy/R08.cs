using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Blind66.HopFarm.Kilns;

/// <summary>Line-based connection to the oast house kiln controller.</summary>
public sealed class KilnConnection : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly TcpClient _client = new();
    private readonly SemaphoreSlim _exchange = new(1, 1);
    private StreamReader? _reader;
    private StreamWriter? _writer;

    public KilnConnection(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public async Task OpenAsync(CancellationToken ct)
    {
        await _client.ConnectAsync(_host, _port, ct);
        var stream = _client.GetStream();
        _reader = new StreamReader(stream, Encoding.ASCII);
        _writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\r\n" };
    }

    public async Task<string> QueryAsync(string command, CancellationToken ct)
    {
        await _exchange.WaitAsync(ct);
        try
        {
            await _writer!.WriteLineAsync(command.AsMemory(), ct);
            return await _reader!.ReadLineAsync(ct) ?? throw new IOException("Kiln controller closed the connection.");
        }
        finally
        {
            _exchange.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Reads drying temperatures from the kiln controller. Registered as a singleton; the
/// dashboard, the alarm service and the batch recorder all call it concurrently.
/// The connection is opened on first use.
/// </summary>
public sealed class KilnSensorClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly string _host;
    private readonly int _port;
    private readonly string _accessCode;
    private KilnConnection? _connection;

    public KilnSensorClient(string host, int port, string accessCode)
    {
        _host = host;
        _port = port;
        _accessCode = accessCode;
    }

    public async Task<double> ReadTemperatureAsync(int kiln, CancellationToken ct = default)
    {
        var connection = _connection ?? await ConnectAsync(ct);
        var reply = await connection.QueryAsync($"TEMP {kiln}", ct);
        return double.Parse(reply, CultureInfo.InvariantCulture);
    }

    private async Task<KilnConnection> ConnectAsync(CancellationToken ct)
    {
        await _connectLock.WaitAsync(ct);
        try
        {
            if (_connection is not null)
            {
                return _connection;
            }

            _connection = new KilnConnection(_host, _port);
            await _connection.OpenAsync(ct);
            await _connection.QueryAsync("AUTH " + _accessCode, ct);
            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectLock.Dispose();
    }
}
