using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blind50.Ferries.Bookings;

public abstract record BookingEvent(long Version, string SailingId);
public sealed record VehicleBooked(long Version, string SailingId, string Registration, double LaneMetres) : BookingEvent(Version, SailingId);
public sealed record VehicleCancelled(long Version, string SailingId, string Registration) : BookingEvent(Version, SailingId);

/// <summary>Read model of one sailing's car deck: the lane metres used and the vehicles aboard.</summary>
public sealed record DeckState(double LaneMetresUsed, ImmutableDictionary<string, double> Vehicles, long Version)
{
    public static DeckState Empty { get; } = new(0, ImmutableDictionary<string, double>.Empty, 0);
}

/// <summary>
/// Projects the ferry booking event stream into per-sailing deck read models. Events are applied
/// by one projection loop; check-in desks and the loading-plan screen read the current state.
/// </summary>
public sealed class CarDeckProjection
{
    private readonly Channel<BookingEvent> _events = Channel.CreateUnbounded<BookingEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    private ImmutableDictionary<string, DeckState> _decks = ImmutableDictionary<string, DeckState>.Empty;

    public bool Append(BookingEvent bookingEvent) => _events.Writer.TryWrite(bookingEvent);

    public void Complete() => _events.Writer.TryComplete();

    /// <summary>The deck state of a sailing.</summary>
    public DeckState GetDeck(string sailingId) =>
        Volatile.Read(ref _decks).GetValueOrDefault(sailingId) ?? DeckState.Empty;

    public IReadOnlyDictionary<string, DeckState> AllDecks => Volatile.Read(ref _decks);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var bookingEvent in _events.Reader.ReadAllAsync(cancellationToken))
        {
            var decks = _decks;
            var deck = decks.GetValueOrDefault(bookingEvent.SailingId) ?? DeckState.Empty;
            if (bookingEvent.Version <= deck.Version)
            {
                continue;
            }

            var updated = bookingEvent switch
            {
                VehicleBooked booked when !deck.Vehicles.ContainsKey(booked.Registration) => deck with
                {
                    LaneMetresUsed = deck.LaneMetresUsed + booked.LaneMetres,
                    Vehicles = deck.Vehicles.Add(booked.Registration, booked.LaneMetres),
                    Version = booked.Version,
                },
                VehicleCancelled cancelled when deck.Vehicles.TryGetValue(cancelled.Registration, out var metres) => deck with
                {
                    LaneMetresUsed = deck.LaneMetresUsed - metres,
                    Vehicles = deck.Vehicles.Remove(cancelled.Registration),
                    Version = cancelled.Version,
                },
                _ => deck with { Version = bookingEvent.Version },
            };

            Volatile.Write(ref _decks, decks.SetItem(bookingEvent.SailingId, updated));
        }
    }
}

/// <summary>Check-in desk: decides whether another vehicle fits on the sailing.</summary>
public sealed class CheckInDesk
{
    private readonly CarDeckProjection _projection;
    private readonly double _deckCapacityMetres;

    public CheckInDesk(CarDeckProjection projection, double deckCapacityMetres)
    {
        _projection = projection;
        _deckCapacityMetres = deckCapacityMetres;
    }

    public string Describe(string sailingId)
    {
        var deck = _projection.GetDeck(sailingId);
        var free = _deckCapacityMetres - deck.LaneMetresUsed;
        return $"{sailingId}: {deck.Vehicles.Count} vehicles, {free:F1} m free (as of event {deck.Version})";
    }
}
