using System.Collections.Frozen;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;

namespace Blind44.KiteFestival.Flags;

public sealed record FlagDefinition(string Name, bool Enabled, int RolloutPercent);

/// <summary>
/// Feature flags for the kite festival's ticketing and schedule apps. A hosted poller refreshes
/// the flags from the config server; every request reads them through <see cref="IsEnabled"/>.
/// </summary>
public sealed class FestivalFlags
{
    private FrozenDictionary<string, FlagDefinition> _flags =
        FrozenDictionary<string, FlagDefinition>.Empty;
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public bool IsEnabled(string name, string? visitorId = null)
    {
        var flags = Volatile.Read(ref _flags);
        if (!flags.TryGetValue(name, out var flag) || !flag.Enabled)
            return false;
        if (flag.RolloutPercent >= 100 || visitorId is null)
            return flag.RolloutPercent >= 100;
        return (uint)StringComparer.Ordinal.GetHashCode(visitorId) % 100 < flag.RolloutPercent;
    }

    public IReadOnlyCollection<FlagDefinition> All => Volatile.Read(ref _flags).Values;

    internal void Replace(IEnumerable<FlagDefinition> definitions)
    {
        var fresh = definitions.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref _flags, fresh);
        Interlocked.Increment(ref _version);
    }
}

/// <summary>Polls the config server once a minute.</summary>
public sealed class FlagPoller : BackgroundService
{
    private readonly HttpClient _http;
    private readonly FestivalFlags _flags;
    private int _consecutiveFailures;

    public FlagPoller(HttpClient http, FestivalFlags flags)
    {
        _http = http;
        _flags = flags;
    }

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                var defs = await _http.GetFromJsonAsync<List<FlagDefinition>>("flags/kite-festival", stoppingToken);
                if (defs is not null)
                    _flags.Replace(defs);
                Volatile.Write(ref _consecutiveFailures, 0);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _consecutiveFailures);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
