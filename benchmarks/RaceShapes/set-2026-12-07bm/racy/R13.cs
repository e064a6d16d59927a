using System.Collections.Generic;
using Microsoft.Extensions.Hosting;

namespace Blind65.HorseAuctions.Features;

public interface IFeatureFlagSource
{
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken token);
}

/// <summary>
/// Feature flags for the auction site (live bidding, proxy bids, vet report
/// uploads). Registered as a singleton and read on every request.
/// </summary>
public sealed class AuctionFeatureFlags
{
    private readonly Dictionary<string, bool> _flags = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEnabled(string flag) => _flags.TryGetValue(flag, out var enabled) && enabled;

    internal void Replace(IReadOnlyDictionary<string, bool> latest)
    {
        _flags.Clear();
        foreach (var (name, enabled) in latest)
        {
            _flags[name] = enabled;
        }
    }
}

/// <summary>
/// Refreshes <see cref="AuctionFeatureFlags"/> from the configuration store every 30 seconds.
/// </summary>
public sealed class FeatureFlagRefresher : BackgroundService
{
    private readonly IFeatureFlagSource _source;
    private readonly AuctionFeatureFlags _flags;

    public FeatureFlagRefresher(IFeatureFlagSource source, AuctionFeatureFlags flags)
    {
        _source = source;
        _flags = flags;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                var latest = await _source.LoadAsync(stoppingToken);
                _flags.Replace(latest);
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Keep the previous flags if the store is unavailable.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class BidEndpoint
{
    private readonly AuctionFeatureFlags _flags;

    public BidEndpoint(AuctionFeatureFlags flags) => _flags = flags;

    public string PlaceBid(string lot, decimal amount, bool proxy)
    {
        if (proxy && !_flags.IsEnabled("proxy-bids"))
        {
            return "Proxy bidding is switched off for this sale.";
        }
        if (!_flags.IsEnabled("live-bidding"))
        {
            return "Bidding for this lot opens in the ring.";
        }
        return $"Bid of {amount:C} recorded on lot {lot}.";
    }
}
