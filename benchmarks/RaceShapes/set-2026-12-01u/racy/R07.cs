namespace TramDepot.Shunting;

public sealed record ShuntMove(string TramNumber, string FromTrack, string ToTrack);

public interface IPointsController
{
    Task SetRouteAsync(string fromTrack, string toTrack, CancellationToken ct);
}

/// <summary>
/// Allocates depot tracks to trams being shunted. Registered as a singleton; the yard
/// controller UI, the night-shift planner and the SCADA bridge all call it concurrently.
/// </summary>
public sealed class TrackAllocator
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly IPointsController _points;
    private readonly Dictionary<string, string> _occupiedBy = new(StringComparer.OrdinalIgnoreCase);

    public TrackAllocator(IPointsController points) => _points = points;

    public async Task<bool> TryMoveAsync(ShuntMove move, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_occupiedBy.ContainsKey(move.ToTrack))
                return false;

            await _points.SetRouteAsync(move.FromTrack, move.ToTrack, ct).ConfigureAwait(false);
            _occupiedBy.Remove(move.FromTrack);
            _occupiedBy[move.ToTrack] = move.TramNumber;
            return true;
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>Called by the SCADA bridge when a tram leaves the depot for service.</summary>
    public void ReleaseTrack(string track)
    {
        _occupiedBy.Remove(track);
    }

    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return new Dictionary<string, string>(_occupiedBy);
        }
        finally
        {
            _mutex.Release();
        }
    }
}
