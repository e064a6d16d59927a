using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.PerfumeHouse.Flags;

/// <summary>
/// Feature flags for the perfume house's boutique apps (new sampling kiosk, engraving
/// service, ...). Registered as a singleton: every request reads flags, an admin endpoint
/// flips single flags, and a background refresher replaces the whole set.
/// </summary>
public sealed class FragranceFeatureFlags
{
    private ImmutableDictionary<string, bool> _flags =
        ImmutableDictionary<string, bool>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public bool IsEnabled(string flag) =>
        Volatile.Read(ref _flags).TryGetValue(flag, out var enabled) && enabled;

    public IReadOnlyDictionary<string, bool> Current => Volatile.Read(ref _flags);

    public void Set(string flag, bool enabled) =>
        ImmutableInterlocked.AddOrUpdate(ref _flags, flag, enabled, (_, _) => enabled);

    public bool Remove(string flag) =>
        ImmutableInterlocked.TryRemove(ref _flags, flag, out _);

    public void ReplaceAll(IEnumerable<KeyValuePair<string, bool>> flags)
    {
        var next = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, flags);
        Interlocked.Exchange(ref _flags, next);
    }
}

/// <summary>Pulls the flag set from the central config service on a fixed period.</summary>
public sealed class FlagRefresher : IAsyncDisposable
{
    private readonly FragranceFeatureFlags _flags;
    private readonly Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> _fetch;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FlagRefresher(
        FragranceFeatureFlags flags,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> fetch,
        TimeSpan period)
    {
        _flags = flags;
        _fetch = fetch;
        _loop = Task.Run(() => LoopAsync(period, _stop.Token));
    }

    private async Task LoopAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            do
            {
                try
                {
                    _flags.ReplaceAll(await _fetch(ct));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // keep serving the last known flags
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
