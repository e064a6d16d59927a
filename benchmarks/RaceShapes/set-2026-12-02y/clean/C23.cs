namespace ClockTower.Winding;

public sealed record WindingEntry(DateTime At, string Winder, int TurnsGoing, int TurnsStriking, double DriftSeconds);

public interface IWeightSensor
{
    Task<double> ReadDropMetresAsync(string train, CancellationToken ct);
}

/// <summary>
/// Winding register for the town clock. The volunteer's tablet, the remote
/// drift monitor and the weekly report all use the same register.
/// </summary>
public sealed class WindingRegister : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWeightSensor _sensor;
    private readonly List<WindingEntry> _entries = new();
    private double _goingDrop;
    private double _strikingDrop;

    public WindingRegister(IWeightSensor sensor) => _sensor = sensor;

    public async Task<WindingEntry> RecordWindingAsync(string winder, double driftSeconds, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var going = await _sensor.ReadDropMetresAsync("going", ct).ConfigureAwait(false);
            var striking = await _sensor.ReadDropMetresAsync("striking", ct).ConfigureAwait(false);

            var entry = new WindingEntry(DateTime.UtcNow, winder,
                TurnsGoing: (int)Math.Ceiling((going - _goingDrop) * 12),
                TurnsStriking: (int)Math.Ceiling((striking - _strikingDrop) * 9),
                driftSeconds);

            _goingDrop = 0;
            _strikingDrop = 0;
            _entries.Add(entry);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RefreshDropAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _goingDrop = await _sensor.ReadDropMetresAsync("going", ct).ConfigureAwait(false);
            _strikingDrop = await _sensor.ReadDropMetresAsync("striking", ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<WindingEntry>> WeekAsync(DateTime weekStart, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _entries.Where(e => e.At >= weekStart && e.At < weekStart.AddDays(7)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<double> AverageDriftAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _entries.Count == 0 ? 0 : _entries.Average(e => e.DriftSeconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
