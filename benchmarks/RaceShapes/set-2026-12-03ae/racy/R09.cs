using System.Collections.Concurrent;

namespace Blind31.PuppetTheatres.Cues;

public readonly record struct Cue(byte Channel, byte Level, ushort FadeMs);

/// <summary>Small pool of fixed-size frames for the stage lighting and marionette winch bus.</summary>
public sealed class CueFramePool
{
    private readonly ConcurrentBag<byte[]> _frames = new();
    private readonly int _frameSize;

    public CueFramePool(int frameSize)
    {
        _frameSize = frameSize;
    }

    public byte[] Rent() => _frames.TryTake(out var frame) ? frame : new byte[_frameSize];

    public void Return(byte[] frame) => _frames.Add(frame);
}

/// <summary>Keeps a checksummed copy of every frame sent during a performance.</summary>
public sealed class CueArchive
{
    private readonly ConcurrentQueue<(byte[] Frame, uint Checksum)> _entries = new();

    public int Count => _entries.Count;

    public void Append(byte[] source, int length)
    {
        var copy = new byte[length];
        uint checksum = 0;
        for (int i = 0; i < length; i++)
        {
            copy[i] = source[i];
            checksum = (checksum * 31) + source[i];
        }

        _entries.Enqueue((copy, checksum));
    }
}

/// <summary>
/// Encodes cues into frames, sends them to the stage bus and archives them. Called by the
/// show controller's cue timer once per tick.
/// </summary>
public sealed class CueBroadcaster
{
    private readonly CueFramePool _pool = new(512);
    private readonly CueArchive _archive = new();
    private readonly Action<byte[], int> _sendToBus;

    public CueBroadcaster(Action<byte[], int> sendToBus)
    {
        _sendToBus = sendToBus;
    }

    public int ArchivedFrames => _archive.Count;

    public void Broadcast(IReadOnlyList<Cue> cues)
    {
        byte[] frame = _pool.Rent();
        int length = Encode(cues, frame);

        // Archiving is slow on the backstage laptop, so keep it off the cue path.
        _ = Task.Run(() => _archive.Append(frame, length));

        _sendToBus(frame, length);
        _pool.Return(frame);
    }

    private static int Encode(IReadOnlyList<Cue> cues, byte[] frame)
    {
        int offset = 0;
        foreach (var cue in cues)
        {
            if (offset + 4 > frame.Length)
            {
                break;
            }

            frame[offset++] = cue.Channel;
            frame[offset++] = cue.Level;
            frame[offset++] = (byte)(cue.FadeMs >> 8);
            frame[offset++] = (byte)cue.FadeMs;
        }

        return offset;
    }
}
