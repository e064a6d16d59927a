using System.Collections.Concurrent;

namespace SushiBar.Conveyor;

public enum PlateColour { Green, Blue, Red, Gold }

public sealed record Plate(int Id, string Dish, PlateColour Colour, DateTime PlacedUtc);

public sealed record BeltShiftReport(int PlatesServed, int PlatesExpired, int PlatesPassedBy, IReadOnlyDictionary<PlateColour, int> ByColour);

/// <summary>
/// Models the conveyor belt for one shift: the chefs place plates on the belt
/// and the belt runner removes plates that have been circulating too long.
/// </summary>
public sealed class ConveyorBelt
{
    private readonly BlockingCollection<Plate> _belt = new(boundedCapacity: 60);
    private readonly TimeSpan _maxAge;
    private int _nextPlateId;

    public ConveyorBelt(TimeSpan maxAge) => _maxAge = maxAge;

    /// <summary>Called by each chef station's thread.</summary>
    public void Place(string dish, PlateColour colour)
    {
        var id = Interlocked.Increment(ref _nextPlateId);
        _belt.Add(new Plate(id, dish, colour, DateTime.UtcNow));
    }

    public void CloseKitchen() => _belt.CompleteAdding();

    public Task<BeltShiftReport> RunShiftAsync(Func<Plate, bool> customerTakes)
    {
        return Task.Factory.StartNew(() =>
        {
            int served = 0, expired = 0, passedBy = 0;
            var byColour = new Dictionary<PlateColour, int>();

            foreach (var plate in _belt.GetConsumingEnumerable())
            {
                if (DateTime.UtcNow - plate.PlacedUtc > _maxAge)
                {
                    expired++;
                    continue;
                }

                if (customerTakes(plate))
                {
                    served++;
                    byColour[plate.Colour] = byColour.GetValueOrDefault(plate.Colour) + 1;
                }
                else
                {
                    passedBy++;
                }
            }

            return new BeltShiftReport(served, expired, passedBy, byColour);
        }, TaskCreationOptions.LongRunning);
    }
}

public static class ShiftRunner
{
    public static async Task<BeltShiftReport> RunAsync(IReadOnlyList<string[]> chefMenus, Func<Plate, bool> customerTakes)
    {
        var belt = new ConveyorBelt(TimeSpan.FromMinutes(30));
        var shift = belt.RunShiftAsync(customerTakes);

        var chefs = chefMenus.Select((menu, i) => Task.Run(() =>
        {
            foreach (var dish in menu)
            {
                belt.Place(dish, (PlateColour)(i % 4));
            }
        })).ToArray();

        await Task.WhenAll(chefs);
        belt.CloseKitchen();
        return await shift;
    }
}
