using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind57.KiteFestival.Flags;

/// <summary>
/// Feature flags for the kite festival ticketing site ("early-bird", "night-flying", ...).
/// Registered as a singleton and as a hosted service; request handlers call
/// <see cref="IsEnabled"/> on every page render while the background loop refreshes the values.
/// </summary>
public sealed class FestivalFlagClient : BackgroundService
{
    private readonly HttpClient _http;
    private readonly ILogger<FestivalFlagClient> _logger;
    private readonly Dictionary<string, bool> _flags = new(StringComparer.OrdinalIgnoreCase);

    public FestivalFlagClient(HttpClient http, ILogger<FestivalFlagClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    public bool IsEnabled(string flag) => _flags.TryGetValue(flag, out var on) && on;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                var latest = await _http.GetFromJsonAsync<Dictionary<string, bool>>("flags", stoppingToken)
                             ?? new Dictionary<string, bool>();

                foreach (var (name, value) in latest)
                {
                    _flags[name] = value;
                }

                foreach (var stale in _flags.Keys.Where(k => !latest.ContainsKey(k)).ToList())
                {
                    _flags.Remove(stale);
                }
            }
            catch (HttpRequestException ex)
            {
                _logger.LogWarning(ex, "Flag refresh failed; keeping previous values");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class FestivalFlagRegistration
{
    public static IServiceCollection AddFestivalFlags(this IServiceCollection services)
    {
        services.AddHttpClient("flags", c => c.BaseAddress = new Uri("https://flags.internal/"));
        services.AddSingleton(sp => new FestivalFlagClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("flags"),
            sp.GetRequiredService<ILogger<FestivalFlagClient>>()));
        services.AddHostedService(sp => sp.GetRequiredService<FestivalFlagClient>());
        return services;
    }

    public static WebApplication MapTicketEndpoints(this WebApplication app)
    {
        app.MapGet("/tickets/options", (FestivalFlagClient flags) => Results.Ok(new
        {
            earlyBird = flags.IsEnabled("early-bird"),
            nightFlying = flags.IsEnabled("night-flying"),
            campervanPitches = flags.IsEnabled("campervan-pitches"),
        }));
        return app;
    }
}
