using System.Collections.Immutable;
using System.Timers;

namespace Blind32.SkiTrails.Flags;

/// <summary>
/// Polls the trail-grooming feature flag service every few seconds so the
/// grooming app can switch features on and off without a redeploy.
/// </summary>
public sealed class GroomingFlagPoller : IDisposable
{
    private readonly HttpClient _http;
    private readonly System.Timers.Timer _timer;
    private volatile ImmutableDictionary<string, bool> _flags = ImmutableDictionary<string, bool>.Empty;
    private int _consecutiveFailures;

    public GroomingFlagPoller(HttpClient http, TimeSpan interval)
    {
        _http = http;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    public bool IsEnabled(string flag) => _flags.TryGetValue(flag, out var on) && on;

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    private async void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        try
        {
            var body = await _http.GetStringAsync("flags/grooming").ConfigureAwait(false);
            _flags = Parse(body);
            Volatile.Write(ref _consecutiveFailures, 0);
        }
        catch (HttpRequestException)
        {
            _consecutiveFailures++;
        }
        catch (TaskCanceledException)
        {
            // HttpClient timeout; treat like any other failed poll.
            _consecutiveFailures++;
        }
    }

    private static ImmutableDictionary<string, bool> Parse(string body)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && bool.TryParse(parts[1], out var value))
                builder[parts[0]] = value;
        }
        return builder.ToImmutable();
    }

    public void Dispose()
    {
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}

/// <summary>Reports the poller as degraded after a run of failed polls.</summary>
public sealed class FlagPollerStatus
{
    private readonly GroomingFlagPoller _poller;

    public FlagPollerStatus(GroomingFlagPoller poller) => _poller = poller;

    public string Describe() => _poller.ConsecutiveFailures switch
    {
        0 => "healthy",
        < 5 => "flaky",
        _ => "degraded",
    };
}
