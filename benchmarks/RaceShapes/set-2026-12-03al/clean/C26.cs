using System.Buffers;

namespace Blind38.Mosaic.Export;

public readonly record struct Tessera(short X, short Y, byte R, byte G, byte B);

/// <summary>
/// Encodes a mosaic design to the cutting-table format. Encoding runs in the background as
/// soon as the artist hits "export"; the file is written once the save dialog closes.
/// The scratch buffer is rented from the shared array pool.
/// </summary>
public sealed class CuttingTableExport : IAsyncDisposable
{
    private readonly byte[] _buffer;
    private readonly Task<int> _encoding;
    private int _returned;

    private CuttingTableExport(IReadOnlyList<Tessera> tesserae)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(8 + tesserae.Count * 7);
        var buffer = _buffer;
        _encoding = Task.Run(() => Encode(tesserae, buffer));
    }

    public static CuttingTableExport Begin(IReadOnlyList<Tessera> tesserae) => new(tesserae);

    public async Task SaveAsync(Stream destination, CancellationToken ct)
    {
        var length = await _encoding.ConfigureAwait(false);
        if (Volatile.Read(ref _returned) != 0)
        {
            throw new ObjectDisposedException(nameof(CuttingTableExport));
        }

        await destination.WriteAsync(_buffer.AsMemory(0, length), ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _encoding.ConfigureAwait(false);
        }
        catch
        {
            // The encoder's failure is reported through SaveAsync; the buffer still goes back.
        }

        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    private static int Encode(IReadOnlyList<Tessera> tesserae, byte[] buffer)
    {
        var span = buffer.AsSpan();
        "MOSC"u8.CopyTo(span);
        BitConverter.TryWriteBytes(span[4..], tesserae.Count);
        var offset = 8;
        foreach (var t in tesserae)
        {
            BitConverter.TryWriteBytes(span[offset..], t.X);
            BitConverter.TryWriteBytes(span[(offset + 2)..], t.Y);
            span[offset + 4] = t.R;
            span[offset + 5] = t.G;
            span[offset + 6] = t.B;
            offset += 7;
        }

        return offset;
    }
}

/// <summary>Export command used by the designer window.</summary>
public static class ExportCommand
{
    public static async Task RunAsync(IReadOnlyList<Tessera> design, Func<Task<Stream?>> chooseFile, CancellationToken ct)
    {
        await using var export = CuttingTableExport.Begin(design);
        await using var stream = await chooseFile().ConfigureAwait(false);
        if (stream is not null)
        {
            await export.SaveAsync(stream, ct).ConfigureAwait(false);
        }
    }
}
