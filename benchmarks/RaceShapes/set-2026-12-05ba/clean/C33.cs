using System.Collections.Concurrent;

namespace Blind53.CheeseCaves.Maps;

/// <summary>
/// File-based cache of rendered cave-map tiles. Singleton used by the map endpoint.
/// </summary>
public sealed class CaveTileCache
{
    private readonly string _directory;
    private readonly Func<int, int, int, CancellationToken, Task<byte[]>> _render;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _tileLocks = new(StringComparer.Ordinal);
    private long _hits;
    private long _renders;

    public CaveTileCache(string directory, Func<int, int, int, CancellationToken, Task<byte[]>> render)
    {
        _directory = directory;
        _render = render;
        Directory.CreateDirectory(directory);
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Renders => Interlocked.Read(ref _renders);

    public async Task<byte[]> GetTileAsync(int level, int x, int y, CancellationToken cancellationToken)
    {
        string key = $"{level}-{x}-{y}";
        string path = Path.Combine(_directory, key + ".png");
        if (File.Exists(path))
        {
            Interlocked.Increment(ref _hits);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var tileLock = _tileLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await tileLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(path))
            {
                Interlocked.Increment(ref _hits);
                return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }

            var bytes = await _render(level, x, y, cancellationToken).ConfigureAwait(false);
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
            Interlocked.Increment(ref _renders);
            return bytes;
        }
        finally
        {
            tileLock.Release();
        }
    }

    public void Invalidate(int level, int x, int y)
    {
        string path = Path.Combine(_directory, $"{level}-{x}-{y}.png");
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
