namespace Blind54.Laundromat.DryerLinks;

/// <summary>Connection to a dryer's controller board over the shop LAN.</summary>
public sealed class DryerLink : IDisposable
{
    public DryerLink(int machineNumber) => MachineNumber = machineNumber;

    public int MachineNumber { get; }

    /// <summary>Sends a no-op frame and waits for the echo.</summary>
    public bool Ping() => DryerProbe.Echo(MachineNumber, TimeSpan.FromMilliseconds(250));

    public void Dispose()
    {
        // Closes the socket to the controller board.
    }
}

internal static class DryerProbe
{
    public static bool Echo(int machineNumber, TimeSpan timeout) => machineNumber > 0 && timeout > TimeSpan.Zero;
}

/// <summary>
/// Pool of links to dryer controllers, shared by the payment terminals and the app backend.
/// Idle links are pinged every thirty seconds and dropped when the board stops answering.
/// </summary>
public sealed class DryerLinkPool : IDisposable
{
    private readonly object _gate = new();
    private readonly List<DryerLink> _idle = new();
    private readonly Timer _healthTimer;
    private readonly int _maxLinks;
    private int _created;
    private int _nextMachine = 1;
    private bool _disposed;

    public DryerLinkPool(int maxLinks)
    {
        _maxLinks = maxLinks;
        _healthTimer = new Timer(_ => CheckIdleLinks(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public DryerLink Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.Count > 0)
            {
                var link = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                return link;
            }

            if (_created >= _maxLinks)
            {
                throw new InvalidOperationException("Every dryer link is currently in use.");
            }

            _created++;
            return new DryerLink(_nextMachine++);
        }
    }

    public void Return(DryerLink link)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Add(link);
                return;
            }
        }

        link.Dispose();
    }

    private void CheckIdleLinks()
    {
        DryerLink[] snapshot;
        lock (_gate)
        {
            snapshot = _idle.ToArray();
        }

        foreach (var link in snapshot)
        {
            if (link.Ping())
            {
                continue;
            }

            bool removed;
            lock (_gate)
            {
                removed = _idle.Remove(link);
                if (removed)
                {
                    _created--;
                }
            }

            if (removed)
            {
                link.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _healthTimer.Dispose();
        DryerLink[] remaining;
        lock (_gate)
        {
            _disposed = true;
            remaining = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var link in remaining)
        {
            link.Dispose();
        }
    }
}
