using System.Collections.Immutable;

namespace Blind24.CaveAging;

public sealed record RackSlot(string Rack, int Shelf, int Position);

public sealed record AgingWheel(string WheelId, string Variety, DateOnly MadeOn, RackSlot Slot);

/// <summary>
/// Inventory of wheels on the aging racks. Readers get a consistent immutable
/// snapshot without locking; updates are applied with compare-and-swap. Shared by
/// the handheld scanners' API and the affineur's planning screen.
/// </summary>
public sealed class AgingInventory
{
    private ImmutableDictionary<string, AgingWheel> _wheels = ImmutableDictionary<string, AgingWheel>.Empty;

    public ImmutableDictionary<string, AgingWheel> Current => Volatile.Read(ref _wheels);

    public bool Shelve(AgingWheel wheel)
    {
        return ImmutableInterlocked.TryAdd(ref _wheels, wheel.WheelId, wheel);
    }

    public void Move(string wheelId, RackSlot to)
    {
        ImmutableInterlocked.Update(ref _wheels, (map, arg) =>
        {
            if (!map.TryGetValue(arg.wheelId, out var w))
            {
                return map;
            }

            return map.SetItem(arg.wheelId, w with { Slot = arg.to });
        }, (wheelId, to));
    }

    public bool Remove(string wheelId, out AgingWheel? removed)
    {
        bool ok = ImmutableInterlocked.TryRemove(ref _wheels, wheelId, out var value);
        removed = value;
        return ok;
    }

    public IReadOnlyList<AgingWheel> ReadyBy(DateOnly day, int monthsRequired)
    {
        var snapshot = Current;
        return snapshot.Values
            .Where(w => w.MadeOn.AddMonths(monthsRequired) <= day)
            .OrderBy(w => w.MadeOn)
            .ToList();
    }
}

/// <summary>Handles scans from the cave handhelds; requests arrive concurrently.</summary>
public sealed class ScannerApi
{
    private readonly AgingInventory _inventory;

    public ScannerApi(AgingInventory inventory) => _inventory = inventory;

    public Task<bool> OnShelvedAsync(string wheelId, string variety, DateOnly madeOn, string rack, int shelf, int pos)
        => Task.Run(() => _inventory.Shelve(new AgingWheel(wheelId, variety, madeOn, new RackSlot(rack, shelf, pos))));

    public Task OnMovedAsync(string wheelId, string rack, int shelf, int pos)
        => Task.Run(() => _inventory.Move(wheelId, new RackSlot(rack, shelf, pos)));
}
