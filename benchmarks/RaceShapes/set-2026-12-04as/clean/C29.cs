using System.Security.Cryptography;

namespace Blind45.Planetarium.MediaUpload;

public readonly record struct UploadProgress(string FileName, long BytesSent, long TotalBytes);

public interface IDomeMediaServer
{
    Task<string> BeginAsync(string fileName, long length, CancellationToken ct);
    Task PutChunkAsync(string uploadId, int index, ReadOnlyMemory<byte> data, CancellationToken ct);
    Task CommitAsync(string uploadId, IReadOnlyList<string> chunkHashes, CancellationToken ct);
}

/// <summary>
/// Uploads rendered full-dome show masters (often tens of gigabytes) to the projection
/// server in fixed-size chunks, several at a time, reporting progress to the authoring UI.
/// </summary>
public sealed class DomeMasterUploader
{
    private const int ChunkSize = 8 * 1024 * 1024;
    private readonly IDomeMediaServer _server;
    private readonly int _parallelism;

    public DomeMasterUploader(IDomeMediaServer server, int parallelism = 4)
    {
        _server = server;
        _parallelism = parallelism;
    }

    public async Task UploadAsync(string path, IProgress<UploadProgress>? progress, CancellationToken ct)
    {
        var fileName = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        var chunkCount = (int)((length + ChunkSize - 1) / ChunkSize);
        var hashes = new string[chunkCount];
        long sent = 0;

        var uploadId = await _server.BeginAsync(fileName, length, ct).ConfigureAwait(false);

        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, chunkCount), options, async (index, token) =>
        {
            var offset = (long)index * ChunkSize;
            var size = (int)Math.Min(ChunkSize, length - offset);
            var buffer = new byte[size];

            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true))
            {
                stream.Position = offset;
                await stream.ReadExactlyAsync(buffer, token).ConfigureAwait(false);
            }

            hashes[index] = Convert.ToHexString(SHA256.HashData(buffer));
            await _server.PutChunkAsync(uploadId, index, buffer, token).ConfigureAwait(false);

            var total = Interlocked.Add(ref sent, size);
            progress?.Report(new UploadProgress(fileName, total, length));
        }).ConfigureAwait(false);

        await _server.CommitAsync(uploadId, hashes, ct).ConfigureAwait(false);
    }
}

/// <summary>Authoring-tool view-model that shows the progress bar.</summary>
public sealed class UploadPanelViewModel
{
    private readonly DomeMasterUploader _uploader;
    private readonly object _progressLock = new();
    private long _bestBytes;
    private long _totalBytes;

    public UploadPanelViewModel(DomeMasterUploader uploader) => _uploader = uploader;

    public double Percent
    {
        get
        {
            lock (_progressLock)
            {
                return _totalBytes == 0 ? 0 : 100.0 * _bestBytes / _totalBytes;
            }
        }
    }

    public Task StartAsync(string path, CancellationToken ct)
    {
        // Reports can arrive out of order; the bar only moves forward.
        var progress = new Progress<UploadProgress>(p =>
        {
            lock (_progressLock)
            {
                _totalBytes = p.TotalBytes;
                _bestBytes = Math.Max(_bestBytes, p.BytesSent);
            }
        });
        return _uploader.UploadAsync(path, progress, ct);
    }
}
