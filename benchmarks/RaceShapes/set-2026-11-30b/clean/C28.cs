namespace Blind2.C28;

/// <summary>
/// Disk-backed cache for downloaded package archives, shared by all restore
/// requests.
/// </summary>
public sealed class PackageArchiveCache : IDisposable
{
    private readonly string _root;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<string, string> _index = new(StringComparer.OrdinalIgnoreCase);
    private long _bytesStored;

    public PackageArchiveCache(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public async Task<byte[]?> TryGetAsync(string packageId, string version, CancellationToken ct)
    {
        var key = $"{packageId}/{version}";
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_index.TryGetValue(key, out var file))
                return null;

            return await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task StoreAsync(string packageId, string version, byte[] archive, CancellationToken ct)
    {
        var key = $"{packageId}/{version}";
        var file = Path.Combine(_root, $"{packageId}.{version}.nupkg".ToLowerInvariant());

        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_index.ContainsKey(key))
                return;

            var temp = file + ".tmp";
            await File.WriteAllBytesAsync(temp, archive, ct).ConfigureAwait(false);
            File.Move(temp, file, overwrite: true);

            _index[key] = file;
            _bytesStored += archive.Length;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<long> GetBytesStoredAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _bytesStored;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<byte[]> GetOrDownloadAsync(HttpClient feed, string packageId, string version, CancellationToken ct)
    {
        var cached = await TryGetAsync(packageId, version, ct).ConfigureAwait(false);
        if (cached is not null)
            return cached;

        var bytes = await feed.GetByteArrayAsync($"v3-flatcontainer/{packageId}/{version}/{packageId}.{version}.nupkg", ct)
            .ConfigureAwait(false);
        await StoreAsync(packageId, version, bytes, ct).ConfigureAwait(false);
        return bytes;
    }

    public void Dispose() => _mutex.Dispose();
}
