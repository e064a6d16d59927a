using System.Buffers;

namespace Blind40.StainedGlass.Cartoons;

public sealed record CartoonPreview(string CartoonId, int Width, int Height, byte[] Pixels);

public interface ICartoonStore
{
    Task SaveOriginalAsync(string cartoonId, byte[] scan, CancellationToken ct);
}

/// <summary>
/// Ingests scans of full-size cartoons (the design drawings for a window). The
/// studio web app calls <see cref="IngestAsync"/> per upload; scans are read
/// into pooled buffers and the original is saved in the background.
/// </summary>
public sealed class CartoonScanIngest
{
    private const int MaxScanBytes = 16 * 1024 * 1024;

    private readonly ICartoonStore _store;
    private readonly TaskScheduler _scheduler;
    private int _pendingSaves;

    public CartoonScanIngest(ICartoonStore store)
    {
        _store = store;
        _scheduler = TaskScheduler.Default;
    }

    public int PendingSaves => Volatile.Read(ref _pendingSaves);

    public async Task<CartoonPreview> IngestAsync(string cartoonId, Stream upload, CancellationToken ct)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(MaxScanBytes);
        try
        {
            int length = 0;
            int read;
            while (length < MaxScanBytes
                && (read = await upload.ReadAsync(rented.AsMemory(length, MaxScanBytes - length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            var preview = BuildPreview(cartoonId, rented.AsSpan(0, length));

            byte[] copy = rented.AsSpan(0, length).ToArray();
            Interlocked.Increment(ref _pendingSaves);
            _ = Task.Factory.StartNew(() => SaveAsync(cartoonId, copy), CancellationToken.None,
                TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();

            return preview;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async Task SaveAsync(string cartoonId, byte[] scan)
    {
        try
        {
            await _store.SaveOriginalAsync(cartoonId, scan, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The nightly reconciliation job re-requests scans that failed to save.
        }
        finally
        {
            Interlocked.Decrement(ref _pendingSaves);
        }
    }

    private static CartoonPreview BuildPreview(string id, ReadOnlySpan<byte> scan)
    {
        const int side = 96;
        var pixels = new byte[side * side];
        for (int i = 0; i < pixels.Length && scan.Length > 0; i++)
        {
            pixels[i] = scan[(int)((long)i * scan.Length / pixels.Length)];
        }
        return new CartoonPreview(id, side, side, pixels);
    }
}
