using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Blind66.HopFarm.Irrigation;

/// <summary>Text protocol connection to the hop-garden drip irrigation controller.</summary>
public sealed class DripControllerConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _exchange = new(1, 1);

    private DripControllerConnection(TcpClient client)
    {
        _client = client;
        var stream = client.GetStream();
        _reader = new StreamReader(stream, Encoding.ASCII);
        _writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\r\n" };
    }

    public static async Task<DripControllerConnection> OpenAsync(string host, int port, string pin, CancellationToken ct)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port, ct);
        var connection = new DripControllerConnection(client);
        await connection.QueryAsync("PIN " + pin, ct);
        return connection;
    }

    public async Task<string> QueryAsync(string command, CancellationToken ct)
    {
        await _exchange.WaitAsync(ct);
        try
        {
            await _writer.WriteLineAsync(command.AsMemory(), ct);
            return await _reader.ReadLineAsync(ct) ?? throw new IOException("Controller hung up.");
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
/// Reads soil moisture per hop-garden row. Registered as a singleton and used concurrently
/// by the dashboard, the irrigation scheduler and the alerting job. Connects on first use.
/// </summary>
public sealed class SoilMoistureClient : IAsyncDisposable
{
    private readonly Lazy<Task<DripControllerConnection>> _connection;

    public SoilMoistureClient(string host, int port, string pin)
    {
        _connection = new Lazy<Task<DripControllerConnection>>(
            () => DripControllerConnection.OpenAsync(host, port, pin, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<double> ReadMoistureAsync(int row, CancellationToken ct = default)
    {
        var connection = await _connection.Value.WaitAsync(ct);
        var reply = await connection.QueryAsync($"MOIST {row}", ct);
        return double.Parse(reply, CultureInfo.InvariantCulture);
    }

    public async Task OpenValveAsync(int row, TimeSpan duration, CancellationToken ct = default)
    {
        var connection = await _connection.Value.WaitAsync(ct);
        await connection.QueryAsync($"VALVE {row} {(int)duration.TotalSeconds}", ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync();
        }
    }
}
