namespace Blind22.Tennis.Telemetry;

public sealed record BallTrack(string Court, int Point, double SpeedKmh, double LandingX, double LandingY, bool CalledOut);

public interface ITrackArchive
{
    Task UploadAsync(IReadOnlyList<BallTrack> batch, CancellationToken ct);
}

/// <summary>
/// Buffers ball-tracking records from every court's camera rig and ships them to the
/// archive in batches. Camera rigs call <see cref="Add"/> from their own threads; a
/// background loop flushes every few seconds.
/// </summary>
public sealed class TrackBatcher
{
    private readonly object _bufferLock = new();
    private readonly ITrackArchive _archive;
    private List<BallTrack> _buffer = new();
    private long _uploaded;

    public TrackBatcher(ITrackArchive archive) => _archive = archive;

    public long Uploaded => Interlocked.Read(ref _uploaded);

    public void Add(BallTrack track)
    {
        lock (_bufferLock)
        {
            _buffer.Add(track);
        }
    }

    public async Task FlushLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        List<BallTrack> batch;
        lock (_bufferLock)
        {
            if (_buffer.Count == 0)
            {
                return;
            }
            batch = _buffer;
            _buffer = new List<BallTrack>(batch.Count);
        }

        await _archive.UploadAsync(batch, ct).ConfigureAwait(false);
        Interlocked.Add(ref _uploaded, batch.Count);
    }
}
