using System.Buffers.Binary;
using System.Text;

namespace Blind37.PuppetTheatre.Marionettes;

public sealed record StringMove(byte Puppet, byte StringIndex, short TravelMm, ushort DurationMs);

/// <summary>
/// Link to the marionette winch controller. One instance per stage; the show runner, the
/// rehearsal console and the keep-alive timer all send frames through it.
/// </summary>
public sealed class WinchControllerLink : IAsyncDisposable
{
    private const byte MoveOpcode = 0x21;
    private const byte KeepAliveOpcode = 0x7E;

    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _frame = new byte[64];
    private readonly Timer _keepAlive;
    private long _framesSent;

    public WinchControllerLink(Stream stream, TimeSpan keepAliveInterval)
    {
        _stream = stream;
        _keepAlive = new Timer(_ => SendKeepAlive(), null, keepAliveInterval, keepAliveInterval);
    }

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public async Task SendAsync(StringMove move, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _frame[0] = MoveOpcode;
            _frame[1] = move.Puppet;
            _frame[2] = move.StringIndex;
            BinaryPrimitives.WriteInt16BigEndian(_frame.AsSpan(3), move.TravelMm);
            BinaryPrimitives.WriteUInt16BigEndian(_frame.AsSpan(5), move.DurationMs);
            await _stream.WriteAsync(_frame.AsMemory(0, 7), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _framesSent);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void SendKeepAlive()
    {
        // If a move is being written the controller already knows we are alive.
        if (!_writeLock.Wait(0))
        {
            return;
        }

        try
        {
            _frame[0] = KeepAliveOpcode;
            _frame[1] = 0;
            _stream.Write(_frame, 0, 2);
            Interlocked.Increment(ref _framesSent);
        }
        catch (IOException)
        {
            // Reported by the next SendAsync.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _keepAlive.DisposeAsync().ConfigureAwait(false);
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

/// <summary>Plays back a rehearsed marionette sequence.</summary>
public sealed class SequencePlayer
{
    private readonly WinchControllerLink _link;

    public SequencePlayer(WinchControllerLink link) => _link = link;

    public async Task PlayAsync(IEnumerable<(TimeSpan At, StringMove Move)> sequence, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        foreach (var (at, move) in sequence.OrderBy(s => s.At))
        {
            var wait = at - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            await _link.SendAsync(move, cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Describe(StringMove move) =>
        new StringBuilder().Append("puppet ").Append(move.Puppet).Append(" string ").Append(move.StringIndex)
            .Append(' ').Append(move.TravelMm).Append("mm over ").Append(move.DurationMs).Append("ms").ToString();
}
