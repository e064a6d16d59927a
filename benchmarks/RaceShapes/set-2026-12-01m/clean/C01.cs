namespace Hospitality.FrontDesk;

/// <summary>
/// Live room inventory for the front desk. Shared by all desk terminals and the kiosk check-in service.
/// </summary>
public sealed class RoomInventory
{
    private readonly object _sync = new();
    private readonly SortedDictionary<int, RoomState> _rooms = new();

    public RoomInventory(IEnumerable<(int Number, int Floor, bool Accessible)> rooms)
    {
        foreach (var (number, floor, accessible) in rooms)
        {
            _rooms[number] = new RoomState(number, floor, accessible);
        }
    }

    public int? Assign(string guest, bool needsAccessible, int? preferredFloor)
    {
        lock (_sync)
        {
            var room = FindFree(needsAccessible, preferredFloor) ?? FindFree(needsAccessible, null);
            if (room is null)
            {
                return null;
            }

            room.Guest = guest;
            return room.Number;
        }
    }

    public void Release(int roomNumber)
    {
        lock (_sync)
        {
            if (_rooms.TryGetValue(roomNumber, out var room))
            {
                room.Guest = null;
            }
        }
    }

    public IReadOnlyList<int> VacantRooms()
    {
        lock (_sync)
        {
            return _rooms.Values.Where(r => r.Guest is null).Select(r => r.Number).ToList();
        }
    }

    private RoomState? FindFree(bool needsAccessible, int? floor)
    {
        foreach (var room in _rooms.Values)
        {
            if (room.Guest is not null || (needsAccessible && !room.Accessible))
            {
                continue;
            }

            if (floor is null || room.Floor == floor)
            {
                return room;
            }
        }

        return null;
    }

    private sealed class RoomState
    {
        public RoomState(int number, int floor, bool accessible)
        {
            Number = number;
            Floor = floor;
            Accessible = accessible;
        }

        public int Number { get; }
        public int Floor { get; }
        public bool Accessible { get; }
        public string? Guest { get; set; }
    }
}

public static class GroupCheckIn
{
    public static IReadOnlyDictionary<string, int?> CheckInTourGroup(RoomInventory inventory, IReadOnlyList<string> guests, int floor)
    {
        var rooms = new int?[guests.Count];
        Parallel.For(0, guests.Count, i => rooms[i] = inventory.Assign(guests[i], needsAccessible: false, floor));
        return guests.Select((g, i) => (g, rooms[i])).ToDictionary(x => x.g, x => x.Item2);
    }
}
