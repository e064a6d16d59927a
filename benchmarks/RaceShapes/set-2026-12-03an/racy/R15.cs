using System.Buffers;

namespace Blind40.StainedGlass.Photos;

public sealed record PanelThumbnail(string PanelId, int Width, int Height, byte[] Pixels);

/// <summary>Keeps the full-resolution photo of every panel for the restoration record.</summary>
public sealed class PanelPhotoArchive
{
    private readonly string _root;
    private readonly SemaphoreSlim _diskWrites = new(2, 2);

    public PanelPhotoArchive(string root) => _root = root;

    public async Task StoreOriginalAsync(string panelId, ReadOnlyMemory<byte> photo, CancellationToken ct)
    {
        await _diskWrites.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(_root, $"{panelId}.raw");
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(photo, ct).ConfigureAwait(false);
            }

            // Sidecar checksum lets the restoration record detect bit rot later.
            uint checksum = Fnv1a(photo.Span);
            await File.WriteAllTextAsync(path + ".fnv", checksum.ToString("x8"), ct).ConfigureAwait(false);
        }
        finally
        {
            _diskWrites.Release();
        }
    }

    private static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }
}

/// <summary>
/// Upload pipeline for photos of finished and restored panels. The studio web
/// app calls <see cref="ProcessAsync"/> for each upload; the caller only waits
/// for the thumbnail, the original is archived in the background.
/// </summary>
public sealed class PanelPhotoPipeline
{
    private const int MaxPhotoBytes = 8 * 1024 * 1024;

    private readonly PanelPhotoArchive _archive;

    public PanelPhotoPipeline(PanelPhotoArchive archive) => _archive = archive;

    public async Task<PanelThumbnail> ProcessAsync(string panelId, Stream upload, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxPhotoBytes);
        try
        {
            int length = await ReadAllAsync(upload, buffer, ct).ConfigureAwait(false);
            ScrubCameraSerial(buffer.AsSpan(0, length));
            var thumbnail = Downscale(panelId, buffer.AsSpan(0, length));

            _ = _archive.StoreOriginalAsync(panelId, buffer.AsMemory(0, length), CancellationToken.None);

            return thumbnail;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadAllAsync(Stream source, byte[] buffer, CancellationToken ct)
    {
        int total = 0;
        int read;
        while (total < MaxPhotoBytes && (read = await source.ReadAsync(buffer.AsMemory(total, MaxPhotoBytes - total), ct).ConfigureAwait(false)) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>The studio camera writes its serial number into the header; blank it before storing.</summary>
    private static void ScrubCameraSerial(Span<byte> raw)
    {
        const int SerialOffset = 6;
        const int SerialLength = 16;
        if (raw.Length >= SerialOffset + SerialLength && raw[0] == 0xFF && raw[1] == 0xD8)
        {
            raw.Slice(SerialOffset, SerialLength).Fill(0);
        }
    }

    private static PanelThumbnail Downscale(string panelId, ReadOnlySpan<byte> raw)
    {
        const int size = 64;
        var pixels = new byte[size * size];
        if (raw.Length > 0)
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = raw[(int)((long)i * raw.Length / pixels.Length)];
            }
        }
        return new PanelThumbnail(panelId, size, size, pixels);
    }
}
