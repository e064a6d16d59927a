using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind65.HorseAuctions.Settings;

public interface ISaleSettingsStore
{
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken token);
}

/// <summary>
/// Sale-day switches (online bidding, reserve display, vetting uploads).
/// Singleton read by every request; refreshed in the background.
/// </summary>
public sealed class SaleSwitches
{
    private ImmutableDictionary<string, bool> _current =
        ImmutableDictionary<string, bool>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public bool IsOn(string name) => Volatile.Read(ref _current).TryGetValue(name, out var on) && on;

    public IReadOnlyDictionary<string, bool> All => Volatile.Read(ref _current);

    internal void Replace(IReadOnlyDictionary<string, bool> latest)
    {
        var next = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, latest);
        Volatile.Write(ref _current, next);
    }
}

public sealed class SaleSwitchRefresher : BackgroundService
{
    private readonly ISaleSettingsStore _store;
    private readonly SaleSwitches _switches;
    private readonly ILogger<SaleSwitchRefresher> _logger;

    public SaleSwitchRefresher(ISaleSettingsStore store, SaleSwitches switches, ILogger<SaleSwitchRefresher> logger)
    {
        _store = store;
        _switches = switches;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        do
        {
            try
            {
                _switches.Replace(await _store.LoadAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Could not refresh sale switches; keeping the previous set");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class LotPage
{
    private readonly SaleSwitches _switches;

    public LotPage(SaleSwitches switches) => _switches = switches;

    public string Render(string lot, decimal reserve) =>
        _switches.IsOn("show-reserve") ? $"Lot {lot}, reserve {reserve:C}" : $"Lot {lot}";
}
