using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;

namespace LlamaTrek.Pairings;

public sealed record Pairing(string Llama, string Guide);

public interface ITrekRoster
{
    Task<IReadOnlyList<string>> RestedLlamasAsync(CancellationToken ct);
    Task<IReadOnlyList<string>> GuidesOnDutyAsync(CancellationToken ct);
}

/// <summary>
/// Re-pairs rested llamas with guides every minute. Registered as a singleton
/// and as a hosted service; the trek desk endpoints read the latest pairings.
/// </summary>
public sealed class PairingService : BackgroundService
{
    private readonly ITrekRoster _roster;
    private ImmutableDictionary<string, string> _pairings = ImmutableDictionary<string, string>.Empty;
    private DateTime _refreshedAt;
    private readonly object _stampLock = new();

    public PairingService(ITrekRoster roster) => _roster = roster;

    /// <summary>Called by the trek desk endpoints.</summary>
    public IReadOnlyList<Pairing> GetPairings() =>
        Volatile.Read(ref _pairings).Select(kv => new Pairing(kv.Key, kv.Value)).ToList();

    public string? GuideFor(string llama) =>
        Volatile.Read(ref _pairings).TryGetValue(llama, out var guide) ? guide : null;

    public DateTime RefreshedAt
    {
        get { lock (_stampLock) { return _refreshedAt; } }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            var rested = await _roster.RestedLlamasAsync(stoppingToken);
            var guides = await _roster.GuidesOnDutyAsync(stoppingToken);
            if (guides.Count == 0)
            {
                continue;
            }

            var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < rested.Count && i < guides.Count * 4; i++)
            {
                builder[rested[i]] = guides[i % guides.Count];
            }

            Volatile.Write(ref _pairings, builder.ToImmutable());
            lock (_stampLock)
            {
                _refreshedAt = DateTime.UtcNow;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
