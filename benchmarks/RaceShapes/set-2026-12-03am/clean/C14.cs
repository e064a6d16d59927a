using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind39.AlpineHuts.Occupancy;

public sealed record HutGuest(string Name, string Party, int Bunk, DateOnly Night);

/// <summary>
/// Tonight's guest list for one hut. The warden's tablet, the booking API and the
/// mountain-rescue feed all call into the same instance.
/// </summary>
public sealed class HutGuestBook
{
    private readonly object _gate = new();
    private readonly List<HutGuest> _guests = new();
    private readonly int _bunks;

    public HutGuestBook(string hutName, int bunks)
    {
        HutName = hutName;
        _bunks = bunks;
    }

    public string HutName { get; }

    public bool CheckIn(HutGuest guest)
    {
        lock (_gate)
        {
            if (_guests.Count >= _bunks || _guests.Any(g => g.Bunk == guest.Bunk && g.Night == guest.Night))
                return false;
            _guests.Add(guest);
            return true;
        }
    }

    public bool CheckOut(string name, DateOnly night)
    {
        lock (_gate)
        {
            return _guests.RemoveAll(g => g.Name == name && g.Night == night) > 0;
        }
    }

    /// <summary>The current guest list.</summary>
    public IReadOnlyList<HutGuest> Guests
    {
        get
        {
            lock (_gate)
            {
                return _guests.ToArray();
            }
        }
    }

    public int FreeBunks
    {
        get
        {
            lock (_gate)
            {
                return _bunks - _guests.Count;
            }
        }
    }
}

/// <summary>Builds the roll call sent to mountain rescue each evening.</summary>
public sealed class RescueRollCall
{
    private readonly IReadOnlyList<HutGuestBook> _huts;

    public RescueRollCall(IReadOnlyList<HutGuestBook> huts) => _huts = huts;

    public string Compose(DateOnly night)
    {
        var lines = new List<string>();
        foreach (var hut in _huts)
        {
            var guests = hut.Guests;
            foreach (var party in guests.Where(g => g.Night == night).GroupBy(g => g.Party))
                lines.Add($"{hut.HutName}: {party.Key} ({party.Count()})");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
