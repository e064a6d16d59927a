using System.Buffers;

namespace Blind66.Letterpress.Feed;

public sealed record Galley(int Number, string Forme, IReadOnlyList<string> Lines);

/// <summary>
/// Serial feed to the platen press controller. Frames are staged into a fixed buffer and
/// written to the device one at a time.
/// </summary>
public sealed class PlatenFeed
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _staging = new byte[GalleyPrinter.MaxFrame];
    private readonly Stream _device;

    public PlatenFeed(Stream device) => _device = device;

    public async Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            frame.Span.CopyTo(_staging);
            await _device.WriteAsync(_staging.AsMemory(0, frame.Length), ct).ConfigureAwait(false);
            await _device.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Turns composed galleys into press frames and streams them to the feed.</summary>
public sealed class GalleyPrinter
{
    public const int MaxFrame = 8 * 1024;
    private const byte LineFeed = 0x0A;
    private const byte FrameStart = 0x02;
    private const byte FrameEnd = 0x03;

    private readonly PlatenFeed _feed;

    public GalleyPrinter(PlatenFeed feed) => _feed = feed;

    public async Task PrintAsync(IEnumerable<Galley> galleys, CancellationToken ct)
    {
        var inFlight = new List<Task>();
        foreach (var galley in galleys)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(MaxFrame);
            try
            {
                var length = Compose(galley, buffer);
                inFlight.Add(_feed.SendAsync(buffer.AsMemory(0, length), ct));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static int Compose(Galley galley, byte[] buffer)
    {
        var length = 0;
        buffer[length++] = FrameStart;
        buffer[length++] = (byte)(galley.Number & 0xFF);
        foreach (var line in galley.Lines)
        {
            foreach (var ch in line)
            {
                if (length >= MaxFrame - 2)
                {
                    throw new InvalidOperationException($"Galley {galley.Number} does not fit in one frame.");
                }

                buffer[length++] = ch < 0x80 ? (byte)ch : (byte)'?';
            }

            buffer[length++] = LineFeed;
        }

        buffer[length++] = FrameEnd;
        return length;
    }
}
