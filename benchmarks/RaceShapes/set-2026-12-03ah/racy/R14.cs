using System.Buffers;

namespace Blind34.KiteFestival.Wind;

public readonly record struct WindSample(string Mast, double SpeedKnots, int DirectionDegrees);

public interface IAnemometerPort
{
    /// <summary>Blocking read of one byte; -1 at end of frame.</summary>
    int ReadByte();
}

/// <summary>
/// Reads wind frames from the anemometer masts around the festival field so
/// the safety marshal can ground the big show kites when gusts pick up.
/// </summary>
public sealed class WindMastReader
{
    private const int FrameSize = 64;
    private readonly TimeSpan _timeout;

    public WindMastReader(TimeSpan timeout) => _timeout = timeout;

    public async Task<IReadOnlyList<WindSample>> PollAllAsync(IReadOnlyDictionary<string, IAnemometerPort> masts)
    {
        var reads = masts.Select(m => TryReadAsync(m.Key, m.Value));
        var samples = await Task.WhenAll(reads).ConfigureAwait(false);
        return samples.Where(s => s.HasValue).Select(s => s!.Value).ToList();
    }

    public async Task<WindSample?> TryReadAsync(string mast, IAnemometerPort port)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FrameSize);
        try
        {
            var fill = Task.Run(() => FillFrame(port, buffer));
            var winner = await Task.WhenAny(fill, Task.Delay(_timeout)).ConfigureAwait(false);
            if (winner != fill)
            {
                return null;
            }

            var length = await fill.ConfigureAwait(false);
            return Decode(mast, buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int FillFrame(IAnemometerPort port, byte[] buffer)
    {
        var count = 0;
        int b;
        while (count < FrameSize && (b = port.ReadByte()) >= 0)
        {
            buffer[count++] = (byte)b;
        }

        return count;
    }

    private static WindSample? Decode(string mast, byte[] frame, int length)
    {
        if (length < 4 || frame[0] != 0x57)
        {
            return null;
        }

        var speedTenths = (frame[1] << 8) | frame[2];
        var direction = frame[3] * 2;
        return new WindSample(mast, speedTenths / 10.0, direction);
    }
}
