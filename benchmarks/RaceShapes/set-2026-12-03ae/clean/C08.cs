using System.Collections.Concurrent;

namespace Blind31.PuppetTheatres.Sound;

public readonly record struct SoundCue(ushort TrackId, byte Volume, byte Pan);

/// <summary>Reusable packet buffers for the sound desk's network link.</summary>
public sealed class PacketBufferPool
{
    private readonly ConcurrentQueue<byte[]> _buffers = new();
    private readonly int _size;

    public PacketBufferPool(int size)
    {
        _size = size;
    }

    public byte[] Rent() => _buffers.TryDequeue(out var b) ? b : new byte[_size];

    public void Return(byte[] buffer) => _buffers.Enqueue(buffer);
}

/// <summary>
/// Sends sound cues to the amplifiers and records them in the show log. Called by the
/// stage manager's cue timer.
/// </summary>
public sealed class SoundCueSender
{
    private readonly PacketBufferPool _pool = new(256);
    private readonly Func<ReadOnlyMemory<byte>, Task> _sendToAmplifiers;
    private readonly Func<ReadOnlyMemory<byte>, Task> _appendToShowLog;
    private long _packetsSent;

    public SoundCueSender(Func<ReadOnlyMemory<byte>, Task> sendToAmplifiers, Func<ReadOnlyMemory<byte>, Task> appendToShowLog)
    {
        _sendToAmplifiers = sendToAmplifiers;
        _appendToShowLog = appendToShowLog;
    }

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public async Task SendAsync(IReadOnlyList<SoundCue> cues)
    {
        byte[] buffer = _pool.Rent();
        try
        {
            int length = Encode(cues, buffer);
            var packet = new ReadOnlyMemory<byte>(buffer, 0, length);

            // The amplifiers and the show log are fed in parallel.
            await Task.WhenAll(
                Task.Run(() => _sendToAmplifiers(packet)),
                Task.Run(() => _appendToShowLog(packet))).ConfigureAwait(false);

            Interlocked.Increment(ref _packetsSent);
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    private static int Encode(IReadOnlyList<SoundCue> cues, byte[] buffer)
    {
        int offset = 0;
        foreach (var cue in cues)
        {
            if (offset + 4 > buffer.Length)
            {
                break;
            }

            buffer[offset++] = (byte)(cue.TrackId >> 8);
            buffer[offset++] = (byte)cue.TrackId;
            buffer[offset++] = cue.Volume;
            buffer[offset++] = cue.Pan;
        }

        return offset;
    }
}
