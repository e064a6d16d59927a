using System;
using System.Collections.Generic;

namespace Blind39.YurtMakers.Workshop;

public sealed class CrafterPresenceChangedEventArgs : EventArgs
{
    public CrafterPresenceChangedEventArgs(string crafterId, bool online, IReadOnlyList<string> nowOnline)
    {
        CrafterId = crafterId;
        Online = online;
        NowOnline = nowOnline;
    }

    public string CrafterId { get; }
    public bool Online { get; }
    public IReadOnlyList<string> NowOnline { get; }
}

/// <summary>
/// Presence of crafters in the yurt workshop's order-tracking hub. Singleton; hub
/// connections call <see cref="Connect"/> and <see cref="Disconnect"/> from their own
/// threads, and the dashboard's change handler is supplied when the hub starts.
/// </summary>
public sealed class CrafterPresence
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _connectionsByCrafter = new(StringComparer.Ordinal);
    private readonly EventHandler<CrafterPresenceChangedEventArgs>? _presenceChanged;

    public CrafterPresence(EventHandler<CrafterPresenceChangedEventArgs>? presenceChanged)
    {
        _presenceChanged = presenceChanged;
    }

    public void Connect(string crafterId)
    {
        CrafterPresenceChangedEventArgs? change = null;
        lock (_gate)
        {
            _connectionsByCrafter.TryGetValue(crafterId, out var count);
            _connectionsByCrafter[crafterId] = count + 1;
            if (count == 0)
                change = new CrafterPresenceChangedEventArgs(crafterId, true, SnapshotLocked());
        }

        if (change is not null)
            _presenceChanged?.Invoke(this, change);
    }

    public void Disconnect(string crafterId)
    {
        CrafterPresenceChangedEventArgs? change = null;
        lock (_gate)
        {
            if (!_connectionsByCrafter.TryGetValue(crafterId, out var count))
                return;

            if (count <= 1)
            {
                _connectionsByCrafter.Remove(crafterId);
                change = new CrafterPresenceChangedEventArgs(crafterId, false, SnapshotLocked());
            }
            else
            {
                _connectionsByCrafter[crafterId] = count - 1;
            }
        }

        if (change is not null)
            _presenceChanged?.Invoke(this, change);
    }

    public IReadOnlyList<string> Online()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private string[] SnapshotLocked()
    {
        var names = new string[_connectionsByCrafter.Count];
        _connectionsByCrafter.Keys.CopyTo(names, 0);
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}
