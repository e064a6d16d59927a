namespace Blind60.KiteFestival.Arena;

public sealed record ArenaWindow(DateTime EndUtc, long LaunchCount, long TangleCount, long PeakAltitudeMetres);

/// <summary>
/// Aggregates flight-line events for the festival arena announcer. Marshals' handsets
/// report launches and tangles on many threads; a timer rolls the window over.
/// </summary>
public sealed class ArenaEventAggregator : IDisposable
{
    private readonly System.Threading.Timer _roll;
    private readonly Action<ArenaWindow> _sink;
    private long _launches;
    private long _tangles;
    private long _peakAltitude;

    public ArenaEventAggregator(Action<ArenaWindow> sink, TimeSpan window)
    {
        _sink = sink;
        _roll = new System.Threading.Timer(_ => Roll(), null, window, window);
    }

    public void Launch(long altitudeMetres)
    {
        Interlocked.Increment(ref _launches);
        long seen = Interlocked.Read(ref _peakAltitude);
        while (altitudeMetres > seen)
        {
            var prior = Interlocked.CompareExchange(ref _peakAltitude, altitudeMetres, seen);
            if (prior == seen)
            {
                break;
            }
            seen = prior;
        }
    }

    public void Tangle() => Interlocked.Increment(ref _tangles);

    public long LaunchesSoFar => Interlocked.Read(ref _launches);

    private void Roll()
    {
        var window = new ArenaWindow(
            DateTime.UtcNow,
            Interlocked.Exchange(ref _launches, 0),
            Interlocked.Exchange(ref _tangles, 0),
            Interlocked.Exchange(ref _peakAltitude, 0));
        _sink(window);
    }

    public void Dispose() => _roll.Dispose();
}
