using System.Collections.Immutable;

namespace Blind48.HotSprings.Tenants;

public sealed record ResortSettings(
    string ResortId,
    TimeSpan OpensAt,
    TimeSpan ClosesAt,
    int MaxGuestsPerPool,
    bool TattoosAllowed,
    ImmutableArray<string> PoolIds);

/// <summary>
/// Per-resort settings for the hot springs booking platform, one entry per
/// tenant. Static and process-wide: every request reads it, and the admin
/// portal replaces a resort's settings at runtime.
/// </summary>
public static class ResortSettingsStore
{
    private static ImmutableDictionary<string, ResortSettings> s_byResort =
        ImmutableDictionary.Create<string, ResortSettings>(StringComparer.OrdinalIgnoreCase);

    public static ResortSettings? For(string resortId) =>
        Volatile.Read(ref s_byResort).TryGetValue(resortId, out var settings) ? settings : null;

    public static IReadOnlyCollection<string> Resorts => Volatile.Read(ref s_byResort).Keys.ToArray();

    public static void Upsert(ResortSettings settings)
    {
        if (settings.ClosesAt <= settings.OpensAt)
        {
            throw new ArgumentException("Closing time must be after opening time.", nameof(settings));
        }

        ImmutableInterlocked.AddOrUpdate(ref s_byResort, settings.ResortId, settings, (_, _) => settings);
    }

    public static bool Remove(string resortId) =>
        ImmutableInterlocked.TryRemove(ref s_byResort, resortId, out _);

    public static void ReplaceAll(IEnumerable<ResortSettings> all)
    {
        var fresh = all.ToImmutableDictionary(s => s.ResortId, StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref s_byResort, fresh);
    }
}

/// <summary>
/// Checks whether a booking fits the resort's rules. Scoped per request.
/// </summary>
public sealed class PoolBookingValidator
{
    public string? Validate(string resortId, string poolId, DateTime arrival, int guests, bool guestHasTattoo)
    {
        var settings = ResortSettingsStore.For(resortId);
        if (settings is null)
        {
            return "Unknown resort.";
        }

        if (!settings.PoolIds.Contains(poolId))
        {
            return "Unknown pool.";
        }

        var time = arrival.TimeOfDay;
        if (time < settings.OpensAt || time >= settings.ClosesAt)
        {
            return $"Pools are open {settings.OpensAt:hh\\:mm}–{settings.ClosesAt:hh\\:mm}.";
        }

        if (guests > settings.MaxGuestsPerPool)
        {
            return $"At most {settings.MaxGuestsPerPool} guests per pool.";
        }

        if (guestHasTattoo && !settings.TattoosAllowed)
        {
            return "This resort asks guests with tattoos to use a cover patch or a private bath.";
        }

        return null;
    }
}
