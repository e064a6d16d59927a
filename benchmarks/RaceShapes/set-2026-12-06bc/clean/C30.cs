using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Blind55.Clean.C30;

public sealed record GlazeLabel(string PieceId, string Student, string Glaze, int ConeRating, DateOnly Fired);

/// <summary>Small pool of string builders, in the style of ObjectPool, reused across label renders.</summary>
public sealed class BuilderPool
{
    private readonly ConcurrentBag<StringBuilder> _items = new();
    private readonly int _maxRetained;
    private int _retained;

    public BuilderPool(int maxRetained) => _maxRetained = maxRetained;

    public StringBuilder Rent()
    {
        if (_items.TryTake(out var sb))
        {
            Interlocked.Decrement(ref _retained);
            return sb;
        }

        return new StringBuilder(256);
    }

    public void Return(StringBuilder sb)
    {
        sb.Clear();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _items.Add(sb);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

/// <summary>
/// Prints glaze labels for the pottery class kiln shelves. Registered as a singleton and
/// called from the label printing endpoint for many students at once.
/// </summary>
public sealed class GlazeLabelPrinter
{
    private readonly BuilderPool _builders = new(maxRetained: 16);
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, Task> _sendToPrinter;

    public GlazeLabelPrinter(Func<ReadOnlyMemory<byte>, CancellationToken, Task> sendToPrinter) =>
        _sendToPrinter = sendToPrinter;

    public async Task PrintAsync(GlazeLabel label, CancellationToken ct)
    {
        string text;
        var sb = _builders.Rent();
        try
        {
            sb.Append("^XA");
            sb.Append("^FO20,20^FD").Append(label.Student).Append("^FS");
            sb.Append("^FO20,60^FD").Append(label.Glaze).Append(" / cone ").Append(label.ConeRating).Append("^FS");
            sb.Append("^FO20,100^FD").Append(label.PieceId).Append(' ').Append(label.Fired.ToString("yyyy-MM-dd")).Append("^FS");
            sb.Append("^XZ");
            text = sb.ToString();
        }
        finally
        {
            _builders.Return(sb);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.ASCII.GetMaxByteCount(text.Length));
        try
        {
            int length = Encoding.ASCII.GetBytes(text, 0, text.Length, buffer, 0);
            await _sendToPrinter(buffer.AsMemory(0, length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task PrintShelfAsync(IEnumerable<GlazeLabel> labels, CancellationToken ct) =>
        Parallel.ForEachAsync(labels, ct, async (label, token) => await PrintAsync(label, token));
}
