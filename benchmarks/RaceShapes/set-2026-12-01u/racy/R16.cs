namespace HospitalLinen.Tracking;

public sealed record WardInfo(string Code, string Name, int Floor, string LaundryRoute);

/// <summary>
/// Resolves RFID gate readings to wards. One instance is shared by all gate reader
/// connections, each of which calls <see cref="ResolveWard"/> from its own thread.
/// </summary>
public sealed class WardDirectory
{
    private readonly Func<IEnumerable<WardInfo>> _loadWards;
    private Dictionary<string, WardInfo>? _byGateCode;

    public WardDirectory(Func<IEnumerable<WardInfo>> loadWards) => _loadWards = loadWards;

    public WardInfo? ResolveWard(string gateCode)
    {
        var map = _byGateCode;
        if (map is null)
        {
            map = new Dictionary<string, WardInfo>(StringComparer.OrdinalIgnoreCase);
            _byGateCode = map;
            foreach (var ward in _loadWards())
            {
                map[ward.Code] = ward;
            }
        }
        return map.TryGetValue(gateCode, out var info) ? info : null;
    }
}

public sealed record LinenScan(string TagId, string GateCode, DateTime AtUtc);

/// <summary>Counts linen items passing each ward's gate during a shift.</summary>
public sealed class LinenFlowCounter
{
    private readonly WardDirectory _directory;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _perWard = new();

    public LinenFlowCounter(WardDirectory directory) => _directory = directory;

    public void OnScan(LinenScan scan)
    {
        var ward = _directory.ResolveWard(scan.GateCode);
        var key = ward?.Code ?? "UNKNOWN";
        _perWard.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_perWard);
}
