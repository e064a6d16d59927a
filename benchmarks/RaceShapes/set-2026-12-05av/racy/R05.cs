namespace Blind48.Carnival.Midway;

public sealed class TicketSoldEventArgs : EventArgs
{
    public TicketSoldEventArgs(string ride, int tickets, decimal amount, int boothTotal)
    {
        Ride = ride;
        Tickets = tickets;
        Amount = amount;
        BoothTotal = boothTotal;
    }

    public string Ride { get; }
    public int Tickets { get; }
    public decimal Amount { get; }
    public int BoothTotal { get; }
}

/// <summary>
/// A ticket booth on the midway. The booth's card reader and its cash drawer
/// each run on their own worker thread and both call <see cref="Sell"/>.
/// </summary>
public sealed class RideTicketBooth
{
    private int _ticketsSold;

    public RideTicketBooth(string name) => Name = name;

    public string Name { get; }

    public event EventHandler<TicketSoldEventArgs>? TicketSold;

    public int TicketsSold => Volatile.Read(ref _ticketsSold);

    public void Sell(string ride, int tickets, decimal pricePerTicket)
    {
        var boothTotal = Interlocked.Add(ref _ticketsSold, tickets);
        var args = new TicketSoldEventArgs(ride, tickets, tickets * pricePerTicket, boothTotal);

        if (TicketSold != null)
        {
            TicketSold(this, args);
        }
    }
}

/// <summary>
/// The big display above the midway entrance. It attaches to booths when they
/// open for the evening and detaches when the operator closes them.
/// </summary>
public sealed class MidwayScoreboard
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _ticketsByRide = new(StringComparer.Ordinal);
    private decimal _takings;

    public void Attach(RideTicketBooth booth) => booth.TicketSold += OnTicketSold;

    public void Detach(RideTicketBooth booth) => booth.TicketSold -= OnTicketSold;

    private void OnTicketSold(object? sender, TicketSoldEventArgs e)
    {
        lock (_sync)
        {
            _ticketsByRide.TryGetValue(e.Ride, out var current);
            _ticketsByRide[e.Ride] = current + e.Tickets;
            _takings += e.Amount;
        }
    }

    public (IReadOnlyDictionary<string, int> ByRide, decimal Takings) Snapshot()
    {
        lock (_sync)
        {
            return (new Dictionary<string, int>(_ticketsByRide), _takings);
        }
    }
}
