using System.Net.Http.Json;

namespace Blind59.Gliding.Weather;

public sealed record LaunchWeather(string Station, int WindDirection, int WindSpeedKnots, int GustKnots, int CloudBaseFeet);

public sealed class LaunchWeatherOptions
{
    public int MaxAttempts { get; set; } = 4;
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// Fetches the current airfield weather for the launch point briefing. The upstream
/// met feed is slow at times, so each attempt is given a fixed time budget before
/// the next one is started.
/// </summary>
public sealed class LaunchWeatherClient
{
    private readonly HttpClient _http;
    private readonly LaunchWeatherOptions _options;

    public LaunchWeatherClient(HttpClient http, LaunchWeatherOptions options)
    {
        _http = http;
        _options = options;
    }

    public async Task<LaunchWeather> GetLaunchWeatherAsync(string stationCode, CancellationToken ct)
    {
        int failures = 0;

        async Task<LaunchWeather?> AttemptAsync()
        {
            try
            {
                return await _http.GetFromJsonAsync<LaunchWeather>($"stations/{stationCode}/current", ct)
                    .ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                failures++;
                return null;
            }
        }

        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var fetch = AttemptAsync();
            var winner = await Task.WhenAny(fetch, Task.Delay(_options.AttemptTimeout, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();

            if (winner == fetch)
            {
                var report = await fetch.ConfigureAwait(false);
                if (report is not null)
                {
                    return report;
                }
            }
            else
            {
                failures++;
            }

            if (attempt == _options.MaxAttempts)
            {
                break;
            }

            var backoff = TimeSpan.FromMilliseconds(_options.BaseBackoff.TotalMilliseconds * Math.Pow(2, failures));
            await Task.Delay(backoff, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"No weather for {stationCode} after {failures} failed attempts.");
    }
}

/// <summary>
/// Builds the morning briefing card shown in the clubhouse.
/// </summary>
public sealed class BriefingCardBuilder
{
    private readonly LaunchWeatherClient _weather;

    public BriefingCardBuilder(LaunchWeatherClient weather) => _weather = weather;

    public async Task<string> BuildAsync(string stationCode, CancellationToken ct)
    {
        var wx = await _weather.GetLaunchWeatherAsync(stationCode, ct);
        var crosswind = Math.Abs(Math.Sin((wx.WindDirection - 240) * Math.PI / 180)) * wx.WindSpeedKnots;
        return $"{wx.Station}: {wx.WindDirection:000}/{wx.WindSpeedKnots}G{wx.GustKnots} kt, " +
               $"crosswind {crosswind:F0} kt on 24, cloudbase {wx.CloudBaseFeet} ft";
    }
}
