namespace TaxiMeter.Fares;

public sealed record FareSegment(DateTimeOffset Start, double Kilometres, TimeSpan Waiting, decimal Amount);

public sealed record TripReceipt(int SegmentCount, double Kilometres, decimal Total);

public sealed class Tariff
{
    public decimal Flagfall { get; init; } = 4.20m;
    public decimal PerKilometre { get; init; } = 2.15m;
    public decimal PerWaitingMinute { get; init; } = 0.80m;

    public decimal Price(double km, TimeSpan waiting) =>
        Math.Round((decimal)km * PerKilometre + (decimal)waiting.TotalMinutes * PerWaitingMinute, 2);
}

/// <summary>
/// Meter for one cab. The GPS worker thread calls <see cref="AddSegment"/> as distance
/// accumulates; the driver's tablet UI calls <see cref="CurrentTotal"/> and
/// <see cref="EndTrip"/>.
/// </summary>
public sealed class TripMeter
{
    private readonly Tariff _tariff;
    private List<FareSegment> _segments = new();

    public TripMeter(Tariff tariff)
    {
        _tariff = tariff;
    }

    public void AddSegment(double km, TimeSpan waiting)
    {
        if (km < 0)
            throw new ArgumentOutOfRangeException(nameof(km));

        decimal amount = _tariff.Price(km, waiting);
        lock (_segments)
        {
            _segments.Add(new FareSegment(DateTimeOffset.UtcNow, km, waiting, amount));
        }
    }

    public decimal CurrentTotal()
    {
        lock (_segments)
        {
            return _tariff.Flagfall + _segments.Sum(s => s.Amount);
        }
    }

    public TripReceipt EndTrip()
    {
        List<FareSegment> finished;
        lock (_segments)
        {
            finished = _segments;
            _segments = new List<FareSegment>();
        }

        double km = finished.Sum(s => s.Kilometres);
        decimal total = _tariff.Flagfall + finished.Sum(s => s.Amount);
        return new TripReceipt(finished.Count, km, total);
    }
}

/// <summary>
/// Feeds distance increments from the GPS receiver into the meter.
/// </summary>
public sealed class GpsOdometerPump
{
    private readonly TripMeter _meter;

    public GpsOdometerPump(TripMeter meter) => _meter = meter;

    public Task RunAsync(IAsyncEnumerable<(double Km, TimeSpan Waiting)> increments, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var (km, waiting) in increments.WithCancellation(ct))
                _meter.AddSegment(km, waiting);
        }, ct);
}
