using System.Text;

namespace Blind34.ReedBed.Telemetry;

public interface ISerialLink
{
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);
    Task<int> ReadAsync(Memory<byte> into, CancellationToken ct);
}

/// <summary>
/// Talks to the flow controller at the reed bed outfall over a single serial
/// link. The controller handles one request/response exchange at a time.
/// One client is shared by the sampling job and the operator UI.
/// </summary>
public sealed class OutfallControllerClient : IDisposable
{
    private readonly SemaphoreSlim _link = new(1, 1);
    private readonly ISerialLink _serial;
    private readonly byte[] _request = new byte[64];
    private readonly byte[] _reply = new byte[256];
    private int _sequence;
    private DateTimeOffset _lastReplyAt;
    private string _lastReply = "";

    public OutfallControllerClient(ISerialLink serial) => _serial = serial;

    public async Task<string> QueryAsync(string command, CancellationToken ct)
    {
        await _link.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _sequence = (_sequence + 1) & 0xFF;
            _request[0] = (byte)_sequence;
            var length = 1 + Encoding.ASCII.GetBytes(command, 0, command.Length, _request, 1);
            await _serial.WriteAsync(_request.AsMemory(0, length), ct).ConfigureAwait(false);

            var read = await _serial.ReadAsync(_reply, ct).ConfigureAwait(false);
            if (read == 0 || _reply[0] != _sequence)
            {
                throw new IOException("Controller reply out of sequence.");
            }

            _lastReply = Encoding.ASCII.GetString(_reply, 1, read - 1);
            _lastReplyAt = DateTimeOffset.UtcNow;
            return _lastReply;
        }
        finally
        {
            _link.Release();
        }
    }

    public async Task<(string Reply, DateTimeOffset At)> LastReplyAsync(CancellationToken ct)
    {
        await _link.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return (_lastReply, _lastReplyAt);
        }
        finally
        {
            _link.Release();
        }
    }

    public void Dispose() => _link.Dispose();
}

public sealed class FlowSampler
{
    private readonly OutfallControllerClient _client;

    public FlowSampler(OutfallControllerClient client) => _client = client;

    public async Task<double[]> SampleBedsAsync(int beds, CancellationToken ct)
    {
        var readings = await Task.WhenAll(Enumerable.Range(1, beds).Select(async bed =>
        {
            var reply = await _client.QueryAsync($"FLOW? {bed}", ct).ConfigureAwait(false);
            return double.Parse(reply, System.Globalization.CultureInfo.InvariantCulture);
        })).ConfigureAwait(false);
        return readings;
    }
}
