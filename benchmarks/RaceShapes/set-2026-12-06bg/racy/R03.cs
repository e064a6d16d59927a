using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Channels;

namespace Blind59.CanalLocks.Telemetry;

/// <summary>
/// One decoded frame from a lock chamber level sensor.
/// </summary>
public readonly record struct SensorFrame(byte ChamberId, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads SLIP-style framed packets from the lock-side sensor link and hands decoded
/// frames to the level monitor.
/// </summary>
public sealed class SensorLinkReader
{
    private const byte FrameEnd = 0xC0;
    private const byte Escape = 0xDB;
    private const byte EscapedEnd = 0xDC;
    private const byte EscapedEscape = 0xDD;

    private readonly Stream _link;
    private readonly ChannelWriter<SensorFrame> _frames;

    public SensorLinkReader(Stream link, ChannelWriter<SensorFrame> frames)
    {
        _link = link;
        _frames = frames;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var raw = new byte[512];
        var pending = new List<byte>(256);

        while (!ct.IsCancellationRequested)
        {
            int read = await _link.ReadAsync(raw, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            for (int i = 0; i < read; i++)
            {
                if (raw[i] != FrameEnd)
                {
                    pending.Add(raw[i]);
                    continue;
                }

                if (pending.Count > 1)
                {
                    await PublishAsync(pending, ct).ConfigureAwait(false);
                }
                pending.Clear();
            }
        }

        _frames.TryComplete();
    }

    private async ValueTask PublishAsync(List<byte> encoded, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(encoded.Count);
        try
        {
            int n = 0;
            for (int i = 1; i < encoded.Count; i++)
            {
                byte b = encoded[i];
                if (b == Escape && i + 1 < encoded.Count)
                {
                    b = encoded[++i] == EscapedEnd ? FrameEnd : Escape;
                }
                buffer[n++] = b;
            }

            await _frames.WriteAsync(new SensorFrame(encoded[0], buffer.AsMemory(0, n)), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// Consumes sensor frames and keeps the latest water level per chamber for the lock keeper's panel.
/// </summary>
public sealed class ChamberLevelMonitor
{
    private readonly ChannelReader<SensorFrame> _frames;
    private readonly Dictionary<byte, double> _levels = new();

    public ChamberLevelMonitor(ChannelReader<SensorFrame> frames) => _frames = frames;

    public async Task RunAsync(Action<byte, double> onLevel, CancellationToken ct)
    {
        await foreach (var frame in _frames.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (frame.Payload.Length < 4)
            {
                continue;
            }

            double level = DecodeLevelMetres(frame.Payload);
            _levels[frame.ChamberId] = level;
            onLevel(frame.ChamberId, level);
        }
    }

    private static double DecodeLevelMetres(ReadOnlyMemory<byte> payload)
    {
        int millimetres = BinaryPrimitives.ReadInt32BigEndian(payload.Span);
        return millimetres / 1000.0;
    }

    public static (Task Reader, Task Monitor) Start(Stream link, Action<byte, double> onLevel, CancellationToken ct)
    {
        var channel = Channel.CreateBounded<SensorFrame>(new BoundedChannelOptions(64)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var reader = new SensorLinkReader(link, channel.Writer);
        var monitor = new ChamberLevelMonitor(channel.Reader);
        return (Task.Run(() => reader.RunAsync(ct)), Task.Run(() => monitor.RunAsync(onLevel, ct)));
    }
}
