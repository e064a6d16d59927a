namespace Blind29.FerryTerminal.Deck;

public sealed record VehicleBooking(string Registration, double LengthMetres, bool Hazardous);

public interface IManifestService
{
    Task AppendAsync(string sailingId, VehicleBooking booking, CancellationToken ct);
}

/// <summary>
/// Allocates lane metres on the car deck of one sailing. Booking endpoints and the
/// check-in booths call it, and each accepted vehicle is written to the sailing manifest.
/// </summary>
public sealed class DeckAllocator
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IManifestService _manifest;
    private readonly string _sailingId;
    private readonly List<VehicleBooking> _aboard = new();
    private double _remainingMetres;
    private bool _hazardousAboard;

    public DeckAllocator(IManifestService manifest, string sailingId, double laneMetres)
    {
        _manifest = manifest;
        _sailingId = sailingId;
        _remainingMetres = laneMetres;
    }

    public async Task<bool> TryAllocateAsync(VehicleBooking booking, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (booking.LengthMetres > _remainingMetres || (booking.Hazardous && _hazardousAboard))
            {
                return false;
            }

            await _manifest.AppendAsync(_sailingId, booking, ct).ConfigureAwait(false);

            _remainingMetres -= booking.LengthMetres;
            _hazardousAboard |= booking.Hazardous;
            _aboard.Add(booking);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool Release(string registration)
    {
        _gate.Wait();
        try
        {
            var index = _aboard.FindIndex(b => b.Registration == registration);
            if (index < 0)
            {
                return false;
            }

            var booking = _aboard[index];
            _aboard.RemoveAt(index);
            _remainingMetres += booking.LengthMetres;
            _hazardousAboard = _aboard.Any(b => b.Hazardous);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(double Remaining, int Vehicles)> StatusAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return (_remainingMetres, _aboard.Count);
        }
        finally
        {
            _gate.Release();
        }
    }
}
