using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.BalloonRides.Weather;

public sealed record LaunchSite(string Name, double Latitude, double Longitude);

public sealed record WindReport(string Site, double SurfaceKnots, double AloftKnots, bool Gusting);

public interface IWindService
{
    Task<WindReport> GetAsync(LaunchSite site, CancellationToken ct);
}

/// <summary>The dawn go/no-go check across every launch field.</summary>
public sealed class DawnBriefing
{
    private readonly IWindService _wind;

    public DawnBriefing(IWindService wind) => _wind = wind;

    public async Task<IReadOnlyList<string>> FlyableSitesAsync(IReadOnlyList<LaunchSite> sites, CancellationToken ct)
    {
        var reports = new WindReport?[sites.Count];
        var lookups = new Task[sites.Count];

        for (int i = 0; i < sites.Count; i++)
        {
            int slot = i;
            lookups[slot] = Task.Run(async () =>
            {
                try
                {
                    reports[slot] = await _wind.GetAsync(sites[slot], ct);
                }
                catch (TimeoutException)
                {
                    reports[slot] = null;
                }
            }, ct);
        }

        await Task.WhenAll(lookups);

        var flyable = new List<string>();
        for (int i = 0; i < reports.Length; i++)
        {
            var r = reports[i];
            if (r is not null && r.SurfaceKnots <= 6 && r.AloftKnots <= 15 && !r.Gusting)
                flyable.Add(sites[i].Name);
        }
        return flyable;
    }

    public async Task<WindReport?> CalmestAsync(IReadOnlyList<LaunchSite> sites, CancellationToken ct)
    {
        var all = await Task.WhenAll(sites.Select(s => _wind.GetAsync(s, ct)));
        return all.OrderBy(r => r.SurfaceKnots + r.AloftKnots).FirstOrDefault();
    }
}
