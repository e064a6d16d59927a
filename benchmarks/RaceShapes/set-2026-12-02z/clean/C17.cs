namespace Blind26.IceRoad.Convoys;

public sealed record Truck(string Plate, int AxleLoadKg);

/// <summary>
/// Gathers trucks at the ice road checkpoint into convoys of a fixed size. Drivers check in
/// from their phones; each check-in awaits the departure of the convoy it was placed in.
/// </summary>
public sealed class ConvoyDepartureGate
{
    private readonly object _gate = new();
    private readonly List<Truck> _assembling = new();
    private readonly int _convoySize;
    private TaskCompletionSource<IReadOnlyList<Truck>> _departure = NewDeparture();
    private string? _closedReason;

    public ConvoyDepartureGate(int convoySize) => _convoySize = convoySize;

    private static TaskCompletionSource<IReadOnlyList<Truck>> NewDeparture() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<Truck>> CheckInAsync(Truck truck)
    {
        lock (_gate)
        {
            if (_closedReason is not null)
            {
                return Task.FromException<IReadOnlyList<Truck>>(new InvalidOperationException(_closedReason));
            }

            var departure = _departure;
            _assembling.Add(truck);
            if (_assembling.Count >= _convoySize)
            {
                Truck[] convoy = _assembling.ToArray();
                _assembling.Clear();
                _departure = NewDeparture();
                departure.TrySetResult(convoy);
            }

            return departure.Task;
        }
    }

    /// <summary>Sends whatever has assembled so far, e.g. when the weather window is closing.</summary>
    public int DispatchPartial()
    {
        TaskCompletionSource<IReadOnlyList<Truck>> departure;
        Truck[] convoy;
        lock (_gate)
        {
            if (_assembling.Count == 0)
            {
                return 0;
            }

            convoy = _assembling.ToArray();
            _assembling.Clear();
            departure = _departure;
            _departure = NewDeparture();
        }

        departure.TrySetResult(convoy);
        return convoy.Length;
    }

    public void CloseRoad(string reason)
    {
        TaskCompletionSource<IReadOnlyList<Truck>> departure;
        lock (_gate)
        {
            _closedReason = reason;
            _assembling.Clear();
            departure = _departure;
        }

        departure.TrySetException(new InvalidOperationException(reason));
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _assembling.Count;
            }
        }
    }
}
