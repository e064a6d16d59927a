namespace TramDepot.Washing;

public sealed record WashSlot(string TramNumber, DateTime StartUtc, TimeSpan Duration);

public interface IWashPlantClient
{
    Task StartProgrammeAsync(string tramNumber, CancellationToken ct);
}

/// <summary>
/// Books trams into the depot wash plant. Registered as a singleton; the depot planner UI
/// and the automatic arrivals handler both call it.
/// </summary>
public sealed class WashPlantScheduler : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWashPlantClient _plant;
    private readonly List<WashSlot> _booked = new();

    public WashPlantScheduler(IWashPlantClient plant) => _plant = plant;

    public async Task<WashSlot> BookAsync(string tramNumber, TimeSpan duration, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var start = _booked.Count == 0
                ? DateTime.UtcNow
                : _booked.Max(s => s.StartUtc + s.Duration);
            var slot = new WashSlot(tramNumber, start, duration);
            _booked.Add(slot);
            if (_booked.Count == 1)
                await _plant.StartProgrammeAsync(tramNumber, ct).ConfigureAwait(false);
            return slot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called by the arrivals handler when a tram is withdrawn for repair.</summary>
    public bool Cancel(string tramNumber)
    {
        _gate.Wait();
        try
        {
            return _booked.RemoveAll(s => s.TramNumber == tramNumber) > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<WashSlot> Upcoming()
    {
        _gate.Wait();
        try
        {
            return _booked.OrderBy(s => s.StartUtc).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
