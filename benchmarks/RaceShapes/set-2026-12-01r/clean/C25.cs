using Microsoft.Extensions.Logging;

namespace KiteFestival.Permits;

public sealed record FlyingPermit(int Number, string Applicant, string Zone, double MaxLineMetres, DateOnly Day);

/// <summary>
/// Issues flying permits for the kite festival's launch zones. Each zone has a cap on
/// how many large kites may be up at once. Registered as a singleton; the permit desk
/// tablets and the online form call it concurrently.
/// </summary>
public sealed class PermitOffice
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(3);

    private readonly object _sync = new();
    private readonly Dictionary<(string Zone, DateOnly Day), int> _issuedPerZone = new();
    private readonly IReadOnlyDictionary<string, int> _zoneCaps;
    private readonly ILogger<PermitOffice> _logger;
    private int _nextNumber = 1000;

    public PermitOffice(IReadOnlyDictionary<string, int> zoneCaps, ILogger<PermitOffice> logger)
    {
        _zoneCaps = zoneCaps;
        _logger = logger;
    }

    public FlyingPermit? TryIssue(string applicant, string zone, double lineMetres, DateOnly day)
    {
        if (!_zoneCaps.TryGetValue(zone, out var cap))
        {
            return null;
        }

        if (!Monitor.TryEnter(_sync, LockTimeout))
        {
            _logger.LogWarning("Permit desk busy; asking {Applicant} to retry", applicant);
            return null;
        }

        try
        {
            var issued = _issuedPerZone.GetValueOrDefault((zone, day));
            if (lineMetres > 30 && issued >= cap)
            {
                return null;
            }

            _issuedPerZone[(zone, day)] = issued + 1;
            return new FlyingPermit(_nextNumber++, applicant, zone, lineMetres, day);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    public int Remaining(string zone, DateOnly day)
    {
        var cap = _zoneCaps.GetValueOrDefault(zone);
        lock (_sync)
        {
            return Math.Max(0, cap - _issuedPerZone.GetValueOrDefault((zone, day)));
        }
    }

    public void Revoke(FlyingPermit permit)
    {
        lock (_sync)
        {
            var key = (permit.Zone, permit.Day);
            if (_issuedPerZone.TryGetValue(key, out var n) && n > 0)
            {
                _issuedPerZone[key] = n - 1;
            }
        }
    }
}
