using System.Collections.Immutable;

namespace TaxiMeter.Trips;

public sealed record MeterTick(DateTimeOffset At, double Kilometres, TimeSpan Waiting, decimal Amount);

public sealed record TripSummary(int Ticks, double Kilometres, decimal Total);

/// <summary>
/// Fare meter for one cab. The GPS worker calls <see cref="Tick"/>; the driver's
/// tablet reads <see cref="RunningTotal"/> and ends the trip with <see cref="Close"/>.
/// </summary>
public sealed class FareMeter
{
    private readonly decimal _flagfall;
    private readonly decimal _perKm;
    private readonly decimal _perWaitingMinute;
    private ImmutableList<MeterTick> _ticks = ImmutableList<MeterTick>.Empty;

    public FareMeter(decimal flagfall, decimal perKm, decimal perWaitingMinute)
    {
        _flagfall = flagfall;
        _perKm = perKm;
        _perWaitingMinute = perWaitingMinute;
    }

    public void Tick(double km, TimeSpan waiting)
    {
        decimal amount = Math.Round((decimal)km * _perKm + (decimal)waiting.TotalMinutes * _perWaitingMinute, 2);
        var tick = new MeterTick(DateTimeOffset.UtcNow, km, waiting, amount);
        ImmutableInterlocked.Update(ref _ticks, list => list.Add(tick));
    }

    public decimal RunningTotal()
    {
        var ticks = Volatile.Read(ref _ticks);
        return _flagfall + ticks.Sum(t => t.Amount);
    }

    public TripSummary Close()
    {
        var finished = Interlocked.Exchange(ref _ticks, ImmutableList<MeterTick>.Empty);
        return new TripSummary(
            finished.Count,
            finished.Sum(t => t.Kilometres),
            _flagfall + finished.Sum(t => t.Amount));
    }
}

/// <summary>
/// Pumps odometer increments from the GPS receiver into the meter.
/// </summary>
public static class OdometerFeed
{
    public static Task StartAsync(FareMeter meter, IAsyncEnumerable<(double Km, TimeSpan Waiting)> feed, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            await foreach (var (km, waiting) in feed.WithCancellation(ct))
            {
                if (km >= 0)
                    meter.Tick(km, waiting);
            }
        }, ct);
    }
}
