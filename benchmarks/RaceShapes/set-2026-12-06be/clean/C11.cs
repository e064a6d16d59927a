using System.Collections.Immutable;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind57.KiteFestival.Features;

/// <summary>
/// Feature flags for the kite festival's programme app. Registered as a singleton and hosted
/// service; endpoints call <see cref="IsEnabled"/> on every request.
/// </summary>
public sealed class KiteFlagClient : BackgroundService
{
    private readonly HttpClient _http;
    private readonly ILogger<KiteFlagClient> _logger;
    private ImmutableDictionary<string, bool> _flags =
        ImmutableDictionary.Create<string, bool>(StringComparer.OrdinalIgnoreCase);

    public KiteFlagClient(HttpClient http, ILogger<KiteFlagClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    public bool IsEnabled(string name) => Volatile.Read(ref _flags).TryGetValue(name, out var on) && on;

    public IReadOnlyDictionary<string, bool> All => Volatile.Read(ref _flags);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        do
        {
            try
            {
                var latest = await _http.GetFromJsonAsync<Dictionary<string, bool>>("flags", stoppingToken);
                if (latest is not null)
                {
                    var snapshot = latest.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
                    Volatile.Write(ref _flags, snapshot);
                }
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Could not refresh flags, keeping {Count} cached values", All.Count);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ProgrammeEndpoints
{
    public static IEndpointRouteBuilder MapProgramme(this IEndpointRouteBuilder app)
    {
        app.MapGet("/programme/{day}", (string day, KiteFlagClient flags) =>
        {
            var current = flags.All;
            var items = new List<string> { "Opening parade", "Team ballet" };
            if (current.TryGetValue("night-flying", out var night) && night) items.Add("LED night flying");
            if (current.TryGetValue("fighter-kites", out var fighters) && fighters) items.Add("Fighter kite knockout");
            return Results.Ok(new { day, items });
        });

        app.MapGet("/flags/{name}", (string name, KiteFlagClient flags) =>
            Results.Ok(new { name, enabled = flags.IsEnabled(name) }));

        return app;
    }
}
