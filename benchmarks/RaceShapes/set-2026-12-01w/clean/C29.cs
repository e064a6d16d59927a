using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gale.WindFarm.Uploads;

public sealed record BladePhoto(string TurbineId, int Blade, string Path, long Bytes);

public interface IPhotoArchiveClient
{
    Task UploadAsync(BladePhoto photo, CancellationToken ct);
}

/// <summary>
/// Uploads blade inspection photos from the drone operator's laptop to the asset archive,
/// limiting the number of concurrent uploads over the site's satellite link.
/// </summary>
public sealed class InspectionPhotoUploader
{
    private readonly IPhotoArchiveClient _client;
    private readonly ILogger<InspectionPhotoUploader> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<BladePhoto> _failed = new();
    private long _bytesUploaded;
    private int _uploaded;

    public InspectionPhotoUploader(IPhotoArchiveClient client, ILogger<InspectionPhotoUploader> logger, int maxConcurrentUploads = 4)
    {
        _client = client;
        _logger = logger;
        _slots = new SemaphoreSlim(maxConcurrentUploads, maxConcurrentUploads);
    }

    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

    public int Uploaded => Volatile.Read(ref _uploaded);

    public IReadOnlyCollection<BladePhoto> Failed => _failed.ToArray();

    public Task UploadAllAsync(IEnumerable<BladePhoto> photos, CancellationToken ct)
        => Task.WhenAll(photos.Select(p => UploadOneAsync(p, ct)));

    private async Task UploadOneAsync(BladePhoto photo, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await _client.UploadAsync(photo, ct).ConfigureAwait(false);
                    Interlocked.Add(ref _bytesUploaded, photo.Bytes);
                    Interlocked.Increment(ref _uploaded);
                    return;
                }
                catch (IOException ex) when (attempt < 3)
                {
                    _logger.LogWarning(ex, "Upload of {Path} failed, attempt {Attempt}", photo.Path, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(attempt * 2), ct).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    _failed.Add(photo);
                    return;
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
