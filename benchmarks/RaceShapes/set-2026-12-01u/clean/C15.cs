namespace PrintFarm.Filament;

public sealed record SpoolRequest(string PrinterName, string Material, string Colour);

/// <summary>
/// Hands out spools from the filament dryer cabinet. Printer workers block in
/// <see cref="Take"/> until a matching spool is returned or loaded.
/// </summary>
public sealed class SpoolCabinet
{
    private readonly object _monitor = new();
    private readonly List<(string Material, string Colour, string SpoolId)> _spools = new();
    private bool _closed;

    public void Load(string material, string colour, string spoolId)
    {
        lock (_monitor)
        {
            _spools.Add((material, colour, spoolId));
            Monitor.PulseAll(_monitor);
        }
    }

    public string? Take(SpoolRequest request, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (true)
            {
                var index = _spools.FindIndex(s => s.Material == request.Material && s.Colour == request.Colour);
                if (index >= 0)
                {
                    var spool = _spools[index];
                    _spools.RemoveAt(index);
                    return spool.SpoolId;
                }

                if (_closed)
                    return null;

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                    return null;
            }
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }

    public int Available
    {
        get { lock (_monitor) return _spools.Count; }
    }
}
