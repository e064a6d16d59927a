using Microsoft.AspNetCore.Http;

namespace Blind61.FishFarms.Licensing;

public sealed record SiteConsent(string SiteId, double MaxBiomassTonnes, int MaxPens, DateOnly Expires);

/// <summary>
/// Marine licence consents for each farm site. Looked up on every stocking decision and
/// updated rarely by the compliance team. Singleton.
/// </summary>
public sealed class ConsentRegister : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, SiteConsent> _consents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _stockedTonnes = new(StringComparer.OrdinalIgnoreCase);

    public SiteConsent? Get(string siteId)
    {
        _lock.EnterReadLock();
        try
        {
            return _consents.TryGetValue(siteId, out var c) ? c : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(SiteConsent consent)
    {
        _lock.EnterWriteLock();
        try
        {
            _consents[consent.SiteId] = consent;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Records a stocking event if it stays within the site's consented biomass.</summary>
    public bool TryStock(string siteId, double tonnes, DateOnly today)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_consents.TryGetValue(siteId, out var consent) || consent.Expires < today)
                return false;

            var current = _stockedTonnes.TryGetValue(siteId, out var t) ? t : 0;
            if (current + tonnes > consent.MaxBiomassTonnes)
                return false;

            _lock.EnterWriteLock();
            try
            {
                _stockedTonnes[siteId] = current + tonnes;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public double Headroom(string siteId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_consents.TryGetValue(siteId, out var consent))
                return 0;
            var stocked = _stockedTonnes.TryGetValue(siteId, out var t) ? t : 0;
            return Math.Max(0, consent.MaxBiomassTonnes - stocked);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Stocking endpoint used by the hatchery delivery app.</summary>
public sealed class StockingEndpoints
{
    private readonly ConsentRegister _register;
    private readonly TimeProvider _clock;

    public StockingEndpoints(ConsentRegister register, TimeProvider clock)
    {
        _register = register;
        _clock = clock;
    }

    public IResult Stock(string siteId, double tonnes)
    {
        var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        return _register.TryStock(siteId, tonnes, today)
            ? Results.Ok(new { headroom = _register.Headroom(siteId) })
            : Results.UnprocessableEntity("Exceeds consented biomass or consent expired.");
    }
}
