namespace FishingFleet.Vessels;

/// <summary>
/// Per-vessel catch counters for the current trip. One instance per vessel is shared
/// between the onboard scale reader thread and the satellite reporting timer.
/// </summary>
public sealed class VesselCatchCounter
{
    private long _codKg;
    private long _haddockKg;
    private long _discardedKg;
    private int _hauls;

    public void OnHaul(long codKg, long haddockKg, long discardedKg)
    {
        Interlocked.Add(ref _codKg, codKg);
        Interlocked.Add(ref _haddockKg, haddockKg);
        Interlocked.Add(ref _discardedKg, discardedKg);
        Interlocked.Increment(ref _hauls);
    }

    public void CorrectCod(long deltaKg) => Interlocked.Add(ref _codKg, deltaKg);

    public (long Cod, long Haddock, long Discarded, int Hauls) Read() =>
        (Interlocked.Read(ref _codKg),
         Interlocked.Read(ref _haddockKg),
         Interlocked.Read(ref _discardedKg),
         Volatile.Read(ref _hauls));

    public long ResetDiscards() => Interlocked.Exchange(ref _discardedKg, 0);
}

/// <summary>Sends a position-and-catch report over the satellite link every hour.</summary>
public sealed class SatelliteReporter : IDisposable
{
    private readonly VesselCatchCounter _counter;
    private readonly Action<string> _send;
    private readonly Timer _timer;

    public SatelliteReporter(VesselCatchCounter counter, Action<string> send)
    {
        _counter = counter;
        _send = send;
        _timer = new Timer(_ => Report(), null, TimeSpan.Zero, TimeSpan.FromHours(1));
    }

    private void Report()
    {
        var (cod, haddock, _, hauls) = _counter.Read();
        var discards = _counter.ResetDiscards();
        _send($"COD={cod};HAD={haddock};DIS={discards};HAULS={hauls}");
    }

    public void Dispose() => _timer.Dispose();
}
