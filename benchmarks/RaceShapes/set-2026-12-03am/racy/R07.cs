using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Blind39.BalloonRides.Manifests;

public sealed record Booking(string Reference, string Pilot, IReadOnlyList<string> Passengers);

/// <summary>The passenger list for one basket on one flight, as filed with the airfield.</summary>
public sealed class PassengerManifest
{
    private static int s_lastNumber;

    public PassengerManifest(string pilot, DateOnly flightDate, IReadOnlyList<string> passengers)
    {
        Number = ++s_lastNumber;
        Pilot = pilot;
        FlightDate = flightDate;
        Passengers = passengers;
    }

    public int Number { get; }
    public string Pilot { get; }
    public DateOnly FlightDate { get; }
    public IReadOnlyList<string> Passengers { get; }

    public override string ToString() =>
        $"Manifest {Number:D5} {FlightDate:yyyy-MM-dd} pilot {Pilot}: {string.Join(", ", Passengers)}";
}

/// <summary>Splits a day's bookings into basket loads, one pilot at a time.</summary>
public static class ManifestBuilder
{
    public static IReadOnlyList<PassengerManifest> BuildForDay(
        DateOnly flightDate,
        IEnumerable<Booking> bookings,
        int basketCapacity)
    {
        if (basketCapacity <= 0)
            throw new ArgumentOutOfRangeException(nameof(basketCapacity));

        var byPilot = bookings.GroupBy(b => b.Pilot).ToList();
        var manifests = new ConcurrentBag<PassengerManifest>();

        Parallel.ForEach(byPilot, group =>
        {
            var passengers = group.SelectMany(b => b.Passengers);
            foreach (var basketLoad in passengers.Chunk(basketCapacity))
            {
                manifests.Add(new PassengerManifest(group.Key, flightDate, basketLoad));
            }
        });

        return manifests.OrderBy(m => m.Number).ToList();
    }
}
