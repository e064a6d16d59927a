using System.Net.Sockets;

namespace Blind61.IceRinks;

/// <summary>
/// Talks to the ice plant controller over its TCP control port. One instance is shared by
/// the booking API and the resurfacing scheduler, so any of their threads may call in.
/// </summary>
public sealed class IcePlantClient : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private PlantConnection? _connection;

    public IcePlantClient(string host, int port)
    {
        _host = host;
        _port = port;
    }

    private PlantConnection Connection
    {
        get
        {
            // connect on first use so the app can start while the plant room is offline
            if (_connection is null)
            {
                _connection = new PlantConnection(_host, _port);
            }
            return _connection;
        }
    }

    public async Task<double> ReadSurfaceTemperatureAsync(CancellationToken ct)
    {
        var conn = Connection;
        await _sendLock.WaitAsync(ct);
        try
        {
            var reply = await conn.SendAsync("TEMP?", ct);
            return double.Parse(reply, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task SetBrineSetpointAsync(double celsius, CancellationToken ct)
    {
        var conn = Connection;
        await _sendLock.WaitAsync(ct);
        try
        {
            await conn.SendAsync(FormattableString.Invariant($"BRINE {celsius:F1}"), ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _sendLock.Dispose();
    }
}

internal sealed class PlantConnection : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly string _host;
    private readonly int _port;
    private StreamReader? _reader;
    private StreamWriter? _writer;

    public PlantConnection(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public async Task<string> SendAsync(string command, CancellationToken ct)
    {
        if (!_client.Connected)
        {
            await _client.ConnectAsync(_host, _port, ct);
            var stream = _client.GetStream();
            _reader = new StreamReader(stream);
            _writer = new StreamWriter(stream) { AutoFlush = true };
        }

        await _writer!.WriteLineAsync(command.AsMemory(), ct);
        return await _reader!.ReadLineAsync(ct) ?? string.Empty;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
