namespace Blind30.FerryTicketing;

public sealed record Passenger(string Name, int Age, string CardToken, bool HasVehicle);

public sealed record Ticket(string PassengerName, decimal Fare, string AuthorisationCode);

public interface IFareGateway
{
    Task<string> AuthoriseAsync(string cardToken, decimal amount, CancellationToken ct);
}

/// <summary>Card gateway used in the harbour kiosk simulator.</summary>
public sealed class SimulatedFareGateway : IFareGateway
{
    public async Task<string> AuthoriseAsync(string cardToken, decimal amount, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(40 + cardToken.Length), ct).ConfigureAwait(false);
        return $"AUTH-{Math.Abs(cardToken.GetHashCode()) % 100000:D5}";
    }
}

/// <summary>
/// Sells tickets for a group booking at the kiosk: every passenger's card is
/// authorised in parallel and the number of tickets issued is reported back.
/// </summary>
public sealed class GroupTicketSeller
{
    private readonly IFareGateway _gateway;
    private int _issued;

    public GroupTicketSeller(IFareGateway gateway)
    {
        _gateway = gateway;
    }

    public async Task<(IReadOnlyList<Ticket> Tickets, int Issued)> SellGroupAsync(
        IReadOnlyList<Passenger> passengers, CancellationToken ct)
    {
        _issued = 0;
        var sales = passengers.Select(p => SellOneAsync(p, ct)).ToList();
        var tickets = await Task.WhenAll(sales).ConfigureAwait(false);
        return (tickets, _issued);
    }

    private async Task<Ticket> SellOneAsync(Passenger passenger, CancellationToken ct)
    {
        decimal fare = FareFor(passenger);
        string code = await _gateway.AuthoriseAsync(passenger.CardToken, fare, ct).ConfigureAwait(false);
        var ticket = new Ticket(passenger.Name, fare, code);
        _issued++;
        return ticket;
    }

    private static decimal FareFor(Passenger passenger)
    {
        decimal fare = passenger.Age switch
        {
            < 5 => 0m,
            < 16 => 4.50m,
            >= 65 => 6.00m,
            _ => 9.00m,
        };

        return passenger.HasVehicle ? fare + 22.00m : fare;
    }
}
