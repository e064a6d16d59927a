namespace Blind54.Laundromat.WasherLinks;

/// <summary>Connection to a single washer's controller board over the shop LAN.</summary>
public sealed class WasherLink : IDisposable
{
    public WasherLink(int machineNumber)
    {
        MachineNumber = machineNumber;
    }

    public int MachineNumber { get; }

    public DateTime LastReturnedUtc { get; set; }

    /// <summary>Sends a no-op frame to the controller board and waits for the echo.</summary>
    public bool Ping() => BoardProbe.Echo(MachineNumber, TimeSpan.FromMilliseconds(250));

    public void Dispose()
    {
        // Closes the socket to the controller board.
    }
}

internal static class BoardProbe
{
    public static bool Echo(int machineNumber, TimeSpan timeout)
    {
        // The real implementation writes a NOP frame and reads the echo within the timeout.
        return machineNumber > 0 && timeout > TimeSpan.Zero;
    }
}

/// <summary>
/// Pool of links to the washer controllers. A single instance is shared by the payment
/// terminals, the coin-op bridge and the mobile app backend. Idle links are pinged every
/// thirty seconds and dropped if the board stopped answering.
/// </summary>
public sealed class WasherLinkPool : IDisposable
{
    private readonly object _gate = new();
    private readonly List<WasherLink> _idle = new();
    private readonly Timer _healthTimer;
    private readonly int _maxLinks;
    private int _created;
    private int _nextMachine = 1;

    public WasherLinkPool(int maxLinks)
    {
        _maxLinks = maxLinks;
        _healthTimer = new Timer(_ => CheckIdleLinks(), null,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public WasherLink Rent()
    {
        lock (_gate)
        {
            if (_idle.Count > 0)
            {
                var link = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                return link;
            }

            if (_created >= _maxLinks)
            {
                throw new InvalidOperationException("Every washer link is currently in use.");
            }

            _created++;
            return new WasherLink(_nextMachine++);
        }
    }

    public void Return(WasherLink link)
    {
        link.LastReturnedUtc = DateTime.UtcNow;
        lock (_gate)
        {
            _idle.Add(link);
        }
    }

    private void CheckIdleLinks()
    {
        var dead = _idle.Where(l => !l.Ping()).ToList();
        foreach (var link in dead)
        {
            lock (_gate)
            {
                if (_idle.Remove(link))
                {
                    _created--;
                }
            }

            link.Dispose();
        }
    }

    public void Dispose()
    {
        _healthTimer.Dispose();
        lock (_gate)
        {
            foreach (var link in _idle)
            {
                link.Dispose();
            }

            _idle.Clear();
        }
    }
}
