namespace Blind32.SkiTrails.Grooming;

public sealed record TrailSegment(string Trail, int Index, double LengthKm, bool NeedsTracksetting);

/// <summary>
/// Plans a night's grooming by letting each snowcat take segments from a shared
/// list until it is told to stop (e.g. fresh snowfall or fuel alarm).
/// </summary>
public sealed class GroomingNight
{
    private readonly IReadOnlyList<TrailSegment> _segments;
    private volatile bool _stopRequested;
    private int _nextSegment = -1;

    public GroomingNight(IReadOnlyList<TrailSegment> segments) => _segments = segments;

    public void RequestStop() => _stopRequested = true;

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(IReadOnlyList<string> snowcats, Func<TrailSegment, Task> groom)
    {
        var crews = snowcats.Select(cat => Task.Run(async () =>
        {
            var groomedKm = 0.0;
            while (!_stopRequested)
            {
                var index = Interlocked.Increment(ref _nextSegment);
                if (index >= _segments.Count)
                    break;

                var segment = _segments[index];
                await groom(segment).ConfigureAwait(false);
                groomedKm += segment.LengthKm;
            }
            return (Cat: cat, Km: groomedKm);
        })).ToArray();

        var results = await Task.WhenAll(crews).ConfigureAwait(false);
        return results.ToDictionary(r => r.Cat, r => r.Km);
    }

    public int SegmentsStarted => Math.Min(Volatile.Read(ref _nextSegment) + 1, _segments.Count);
}

/// <summary>Stops the grooming run when the snow sensor reports heavy snowfall.</summary>
public sealed class SnowfallWatch : IDisposable
{
    private readonly Timer _timer;

    public SnowfallWatch(GroomingNight night, Func<double> snowfallCmPerHour)
    {
        _timer = new Timer(_ =>
        {
            if (snowfallCmPerHour() > 3)
                night.RequestStop();
        }, null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    public void Dispose() => _timer.Dispose();
}
