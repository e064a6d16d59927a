namespace Blind29.CanoeRentals.Fleet;

public interface IReservationStore
{
    Task SaveAsync(string customer, string boatType, DateTimeOffset start, CancellationToken ct);
}

/// <summary>
/// Tracks how many boats of each type are on the rack at a rental dock.
/// Shared by the online booking endpoints and by the dock scanner that checks boats back in.
/// </summary>
public sealed class CanoeFleet
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _available;
    private readonly IReservationStore _store;

    public CanoeFleet(IReservationStore store, IDictionary<string, int> initial)
    {
        _store = store;
        _available = new Dictionary<string, int>(initial, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<bool> ReserveAsync(string customer, string boatType, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_available.TryGetValue(boatType, out var count) || count == 0)
            {
                return false;
            }

            await _store.SaveAsync(customer, boatType, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            _available[boatType] = count - 1;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called by the dock scanner when a boat's tag is read on the rack.</summary>
    public void CheckIn(string boatType)
    {
        _available[boatType] = _available.GetValueOrDefault(boatType) + 1;
    }

    public async Task<IReadOnlyDictionary<string, int>> SnapshotAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return new Dictionary<string, int>(_available);
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed class DockScanner
{
    private readonly CanoeFleet _fleet;

    public DockScanner(CanoeFleet fleet) => _fleet = fleet;

    public void OnTagRead(string tag)
    {
        var type = tag.Split('-')[0];
        _fleet.CheckIn(type);
    }
}
