using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blind66.Lighthouse.Flags;

public sealed class KeeperPortalFlagOptions
{
    public Dictionary<string, bool> Defaults { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public interface IFlagOverrideStore
{
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct);
}

/// <summary>
/// Feature flags for the lighthouse keepers' portal (new logbook editor, fog-signal rota, ...).
/// Defaults come from configuration and follow config reloads; per-flag overrides are
/// refreshed from the flag store in the background. Registered as a singleton and queried
/// on every request.
/// </summary>
public sealed class KeeperPortalFlags : BackgroundService
{
    private readonly IFlagOverrideStore _store;
    private readonly IOptionsMonitor<KeeperPortalFlagOptions> _options;
    private readonly ILogger<KeeperPortalFlags> _logger;
    private readonly IDisposable? _optionsSubscription;
    private FrozenDictionary<string, bool> _defaults;
    private FrozenDictionary<string, bool> _overrides = FrozenDictionary<string, bool>.Empty;

    public KeeperPortalFlags(IFlagOverrideStore store, IOptionsMonitor<KeeperPortalFlagOptions> options, ILogger<KeeperPortalFlags> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _defaults = Freeze(options.CurrentValue.Defaults);
        _optionsSubscription = options.OnChange(changed => Volatile.Write(ref _defaults, Freeze(changed.Defaults)));
    }

    public bool IsEnabled(string flag)
    {
        if (Volatile.Read(ref _overrides).TryGetValue(flag, out var overridden))
        {
            return overridden;
        }

        return Volatile.Read(ref _defaults).GetValueOrDefault(flag);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var loaded = await _store.LoadAsync(stoppingToken);
                Volatile.Write(ref _overrides, Freeze(loaded));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Flag store unavailable; keeping previous overrides");
            }

            try
            {
                await Task.Delay(_options.CurrentValue.RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override void Dispose()
    {
        _optionsSubscription?.Dispose();
        base.Dispose();
    }

    private static FrozenDictionary<string, bool> Freeze(IEnumerable<KeyValuePair<string, bool>> source) =>
        source.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
