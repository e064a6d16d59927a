using System.Collections.Generic;
using System.Collections.Immutable;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind47.Orchids.Flags;

public sealed record FlagSnapshot(ImmutableDictionary<string, bool> Flags, string ETag, DateTime FetchedAt)
{
    public static readonly FlagSnapshot Empty = new(ImmutableDictionary<string, bool>.Empty, "", DateTime.MinValue);
}

/// <summary>
/// Feature flags for the nursery's ordering site (seasonal catalogues, the
/// greenhouse tour booking, misting-schedule beta). Flags are polled from the
/// flag server; request handlers call <see cref="IsEnabled"/> on every request.
/// </summary>
public sealed class NurseryFlagClient
{
    private FlagSnapshot _current = FlagSnapshot.Empty;

    public bool IsEnabled(string flag, bool fallback = false)
    {
        var snapshot = Volatile.Read(ref _current);
        return snapshot.Flags.TryGetValue(flag, out var on) ? on : fallback;
    }

    public FlagSnapshot Current => Volatile.Read(ref _current);

    internal void Publish(FlagSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}

/// <summary>Polls the flag server once a minute and publishes a fresh snapshot.</summary>
public sealed class FlagPoller : BackgroundService
{
    private readonly NurseryFlagClient _client;
    private readonly HttpClient _http;
    private readonly ILogger<FlagPoller> _logger;

    public FlagPoller(NurseryFlagClient client, HttpClient http, ILogger<FlagPoller> logger)
    {
        _client = client;
        _http = http;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Flag refresh failed; keeping the previous flags");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var previous = _client.Current;
        using var request = new HttpRequestMessage(HttpMethod.Get, "flags/orchid-shop");
        if (previous.ETag.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", previous.ETag);
        }

        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
        {
            return;
        }

        response.EnsureSuccessStatusCode();
        var flags = await response.Content.ReadFromJsonAsync<Dictionary<string, bool>>(cancellationToken: ct) ?? new();
        var etag = response.Headers.ETag?.Tag ?? "";
        _client.Publish(new FlagSnapshot(flags.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), etag, DateTime.UtcNow));
    }
}
