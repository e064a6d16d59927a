using System.Collections.Concurrent;

namespace Blind29.Falconry.Permits;

public sealed record FlyingPermit(string Site, DateOnly Day, bool Granted, string? Conditions);

public interface ILandownerPortal
{
    Task<FlyingPermit> RequestAsync(string site, DateOnly day, CancellationToken ct);
}

/// <summary>
/// Caches landowner flying permits for hawk walks and displays. Registered as a
/// singleton; every booking request for a site and day goes through it.
/// </summary>
public sealed class PermitCache
{
    private readonly ILandownerPortal _portal;
    private readonly ConcurrentDictionary<(string Site, DateOnly Day), Lazy<Task<FlyingPermit>>> _permits = new();

    public PermitCache(ILandownerPortal portal) => _portal = portal;

    public async Task<FlyingPermit> GetAsync(string site, DateOnly day)
    {
        var key = (site.ToLowerInvariant(), day);
        var lazy = _permits.GetOrAdd(key, k => new Lazy<Task<FlyingPermit>>(
            () => _portal.RequestAsync(k.Site, k.Day, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _permits.TryRemove(new KeyValuePair<(string, DateOnly), Lazy<Task<FlyingPermit>>>(key, lazy));
            throw;
        }
    }

    public void Forget(string site, DateOnly day) => _permits.TryRemove((site.ToLowerInvariant(), day), out _);
}

public sealed class HawkWalkBooking
{
    private readonly PermitCache _permits;

    public HawkWalkBooking(PermitCache permits) => _permits = permits;

    public async Task<string> BookAsync(string customer, string site, DateOnly day)
    {
        var permit = await _permits.GetAsync(site, day);
        if (!permit.Granted)
        {
            return $"Sorry {customer}, no flying at {site} on {day:d}.";
        }

        return permit.Conditions is null
            ? $"{customer} booked at {site} on {day:d}."
            : $"{customer} booked at {site} on {day:d} ({permit.Conditions}).";
    }

    public Task<string[]> BookGroupAsync(IEnumerable<string> customers, string site, DateOnly day) =>
        Task.WhenAll(customers.Select(c => BookAsync(c, site, day)));
}
