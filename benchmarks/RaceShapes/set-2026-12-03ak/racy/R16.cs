using System.Buffers.Binary;
using System.Text;

namespace Blind37.PuppetTheatre.Stage;

public sealed record Cue(ushort Number, string Rig, byte Channel, byte Level, ushort FadeMs);

/// <summary>
/// Sends lighting and puppet-rig cues to the stage controller over its single TCP
/// connection. One instance per theatre; the cue runner and the operator console send
/// through it at the same time, and a heartbeat keeps the controller from dropping the link.
/// </summary>
public sealed class StageControllerConnection : IAsyncDisposable
{
    private const byte CueOpcode = 0x10;
    private const byte HeartbeatOpcode = 0x7F;

    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _frame = new byte[256];
    private readonly Timer _heartbeat;

    public StageControllerConnection(Stream stream, TimeSpan heartbeatInterval)
    {
        _stream = stream;
        _heartbeat = new Timer(SendHeartbeat, null, heartbeatInterval, heartbeatInterval);
    }

    public async Task SendCueAsync(Cue cue, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = Encode(cue, _frame);
            await _stream.WriteAsync(_frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void SendHeartbeat(object? state)
    {
        try
        {
            _frame[0] = HeartbeatOpcode;
            _frame[1] = 0;
            _stream.Write(_frame, 0, 2);
        }
        catch (IOException)
        {
            // The reconnect logic in the cue runner will notice the broken link.
        }
    }

    private static int Encode(Cue cue, byte[] frame)
    {
        frame[0] = CueOpcode;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), cue.Number);
        frame[4] = cue.Channel;
        frame[5] = cue.Level;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(6), cue.FadeMs);
        var rigLength = Encoding.ASCII.GetBytes(cue.Rig, 0, Math.Min(cue.Rig.Length, 200), frame, 8);
        frame[1] = (byte)(rigLength + 6);
        return 8 + rigLength;
    }

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>Runs the show's cue list against the stage controller.</summary>
public sealed class CueRunner
{
    private readonly StageControllerConnection _connection;

    public CueRunner(StageControllerConnection connection) => _connection = connection;

    public async Task RunSceneAsync(IReadOnlyList<Cue> cues, TimeSpan gap, CancellationToken cancellationToken)
    {
        foreach (var cue in cues)
        {
            await _connection.SendCueAsync(cue, cancellationToken).ConfigureAwait(false);
            await Task.Delay(gap, cancellationToken).ConfigureAwait(false);
        }
    }
}
