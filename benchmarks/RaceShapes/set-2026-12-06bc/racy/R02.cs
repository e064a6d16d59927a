namespace Blind55.Racy.R02;

public sealed record ClinicSettings(string TenantId, TimeSpan SlotLength, int ReminderHoursBefore, string TimeZone);

public interface IClinicSettingsStore
{
    ClinicSettings Load(string tenantId);
}

/// <summary>
/// Tenant-aware configuration cache for the dental clinic scheduling service.
/// Registered as an app-wide singleton; every request resolves its clinic settings through it.
/// </summary>
public sealed class ClinicSettingsCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, ClinicSettings> _byTenant = new(StringComparer.Ordinal);
    private readonly IClinicSettingsStore _store;

    public ClinicSettingsCache(IClinicSettingsStore store) => _store = store;

    public ClinicSettings Get(string tenantId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_byTenant.TryGetValue(tenantId, out var settings))
            {
                settings = _store.Load(tenantId);
                _byTenant[tenantId] = settings;
            }

            return settings;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Called by the admin portal after a clinic edits its opening hours.</summary>
    public void Invalidate(string tenantId)
    {
        _lock.EnterWriteLock();
        try
        {
            _byTenant.Remove(tenantId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _byTenant.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class AppointmentSlotService
{
    private readonly ClinicSettingsCache _settings;

    public AppointmentSlotService(ClinicSettingsCache settings) => _settings = settings;

    public IEnumerable<DateTime> SlotsFor(string tenantId, DateTime day)
    {
        var cfg = _settings.Get(tenantId);
        var start = day.Date.AddHours(8);
        var end = day.Date.AddHours(17);
        for (var t = start; t < end; t += cfg.SlotLength)
        {
            yield return t;
        }
    }
}
