namespace Blind61.RecyclingDepot;

/// <summary>Scratch buffer used to decode a weighbridge ticket image.</summary>
public sealed class TicketBuffer
{
    public byte[] Pixels { get; } = new byte[1280 * 960];
    public int Length { get; set; }

    public void Reset() => Length = 0;
}

/// <summary>
/// Small pool of ticket buffers so the weighbridge OCR endpoint doesn't allocate a megabyte
/// per request. One pool instance is shared by all requests.
/// </summary>
public sealed class TicketBufferPool
{
    private readonly TicketBuffer?[] _items;
    private int _count;

    public TicketBufferPool(int capacity) => _items = new TicketBuffer?[capacity];

    public TicketBuffer Rent()
    {
        if (_count > 0)
        {
            var idx = --_count;
            var item = _items[idx]!;
            _items[idx] = null;
            return item;
        }
        return new TicketBuffer();
    }

    public void Return(TicketBuffer buffer)
    {
        buffer.Reset();
        if (_count < _items.Length)
        {
            _items[_count++] = buffer;
        }
    }
}

public sealed record WeighbridgeTicket(string Registration, int GrossKg, int TareKg, string Material);

/// <summary>Endpoint handler that reads a scanned ticket and records the load.</summary>
public sealed class TicketScanHandler
{
    private readonly TicketBufferPool _pool;
    private readonly Func<ReadOnlyMemory<byte>, WeighbridgeTicket?> _ocr;

    public TicketScanHandler(TicketBufferPool pool, Func<ReadOnlyMemory<byte>, WeighbridgeTicket?> ocr)
    {
        _pool = pool;
        _ocr = ocr;
    }

    public async Task<WeighbridgeTicket?> HandleAsync(Stream upload, CancellationToken ct)
    {
        var buffer = _pool.Rent();
        try
        {
            int read;
            while ((read = await upload.ReadAsync(buffer.Pixels.AsMemory(buffer.Length), ct)) > 0)
            {
                buffer.Length += read;
                if (buffer.Length == buffer.Pixels.Length)
                    break;
            }
            return _ocr(buffer.Pixels.AsMemory(0, buffer.Length));
        }
        finally
        {
            _pool.Return(buffer);
        }
    }
}
