using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.HotAirBalloon.Weather;

public sealed record WindsAloft(string SiteCode, double SurfaceKnots, double At3000FtKnots, int DirectionDegrees, DateTimeOffset IssuedAt);

/// <summary>
/// Fetches winds-aloft forecasts for launch sites, retrying transient failures
/// with exponential back-off and random jitter so the crews' apps don't all
/// retry in step. Shared by every pilot-briefing request.
/// </summary>
public sealed class WindsAloftClient
{
    private static int _seed = Environment.TickCount;

    private static readonly ThreadLocal<Random> Jitter =
        new(() => new Random(Interlocked.Increment(ref _seed)));

    private readonly Func<string, CancellationToken, Task<WindsAloft>> _fetch;
    private readonly int _maxAttempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private long _retries;

    public WindsAloftClient(Func<string, CancellationToken, Task<WindsAloft>> fetch, int maxAttempts = 4)
    {
        _fetch = fetch;
        _maxAttempts = maxAttempts;
        _baseDelay = TimeSpan.FromMilliseconds(300);
        _maxDelay = TimeSpan.FromSeconds(10);
    }

    public long Retries => Interlocked.Read(ref _retries);

    public async Task<WindsAloft> GetAsync(string siteCode, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await _fetch(siteCode, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < _maxAttempts && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(DelayFor(attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan DelayFor(int attempt)
    {
        double exponentialMs = _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        double jitterMs = Jitter.Value!.NextDouble() * exponentialMs;
        return TimeSpan.FromMilliseconds(Math.Min(exponentialMs + jitterMs, _maxDelay.TotalMilliseconds));
    }
}

/// <summary>
/// Builds the go/no-go summary for a morning launch from several sites at once.
/// </summary>
public sealed class LaunchBriefing
{
    private readonly WindsAloftClient _client;

    public LaunchBriefing(WindsAloftClient client) => _client = client;

    public async Task<string> BuildAsync(string[] sites, CancellationToken ct)
    {
        var forecasts = await Task.WhenAll(Array.ConvertAll(sites, s => _client.GetAsync(s, ct))).ConfigureAwait(false);
        var lines = new string[forecasts.Length];
        for (int i = 0; i < forecasts.Length; i++)
        {
            var f = forecasts[i];
            bool go = f.SurfaceKnots <= 6 && f.At3000FtKnots <= 18;
            lines[i] = $"{f.SiteCode}: {(go ? "GO" : "NO-GO")} surface {f.SurfaceKnots} kt, 3000 ft {f.At3000FtKnots} kt from {f.DirectionDegrees:000}";
        }

        return string.Join(Environment.NewLine, lines);
    }
}
