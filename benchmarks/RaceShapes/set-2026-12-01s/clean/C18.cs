namespace FishMarket.Auction;

public sealed record FishLot(int LotNumber, string Species, double Kilograms, decimal StartPricePerKg, decimal FloorPricePerKg);

public sealed record LotOutcome(int LotNumber, string? BuyerId, decimal PricePerKg);

/// <summary>
/// Dutch (descending-clock) auction for the morning fish sale. The auctioneer thread runs
/// <see cref="RunLot"/>; buyers press their handsets, which call <see cref="PressBuy"/>
/// from the handset gateway's I/O threads. The first press at the current price wins.
/// </summary>
public sealed class DescendingClock
{
    private readonly object _monitor = new();
    private readonly TimeSpan _tick;
    private readonly decimal _stepPerKg;
    private FishLot? _currentLot;
    private decimal _currentPrice;
    private string? _winner;

    public DescendingClock(TimeSpan tick, decimal stepPerKg)
    {
        _tick = tick;
        _stepPerKg = stepPerKg;
    }

    public LotOutcome RunLot(FishLot lot)
    {
        Monitor.Enter(_monitor);
        try
        {
            _currentLot = lot;
            _currentPrice = lot.StartPricePerKg;
            _winner = null;

            while (_winner is null)
            {
                // Wait one clock tick or until a buyer presses.
                Monitor.Wait(_monitor, _tick);
                if (_winner is not null)
                    break;

                decimal next = _currentPrice - _stepPerKg;
                if (next < lot.FloorPricePerKg)
                {
                    _currentLot = null;
                    return new LotOutcome(lot.LotNumber, null, 0m);
                }
                _currentPrice = next;
            }

            var outcome = new LotOutcome(lot.LotNumber, _winner, _currentPrice);
            _currentLot = null;
            return outcome;
        }
        finally
        {
            Monitor.Exit(_monitor);
        }
    }

    public bool PressBuy(string buyerId, int lotNumber)
    {
        lock (_monitor)
        {
            if (_currentLot is null || _currentLot.LotNumber != lotNumber || _winner is not null)
                return false;

            _winner = buyerId;
            Monitor.Pulse(_monitor);
            return true;
        }
    }

    public (int? Lot, decimal PricePerKg) CurrentDisplay()
    {
        lock (_monitor)
        {
            return (_currentLot?.LotNumber, _currentPrice);
        }
    }
}
