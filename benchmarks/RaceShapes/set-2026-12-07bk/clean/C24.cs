using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blind63.MushroomFarm.Flags;

public sealed class GrowRoomFlagOptions
{
    public Dictionary<string, bool> Flags { get; set; } = new();
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public interface IFlagStore
{
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct);
}

/// <summary>
/// Feature flags for the grow-room controllers (misting schedules, CO2
/// venting, experimental casing mixes). Defaults come from configuration and
/// are overridden by values refreshed from the flag store. Read on every
/// control-loop tick from many rooms.
/// </summary>
public sealed class GrowRoomFlags : BackgroundService
{
    private readonly IFlagStore _store;
    private readonly IOptionsMonitor<GrowRoomFlagOptions> _options;
    private readonly object _rebuildGate = new();
    private FrozenDictionary<string, bool> _configured;
    private FrozenDictionary<string, bool> _overrides = FrozenDictionary<string, bool>.Empty;
    private FrozenDictionary<string, bool> _effective;
    private readonly IDisposable? _changeRegistration;

    public GrowRoomFlags(IFlagStore store, IOptionsMonitor<GrowRoomFlagOptions> options)
    {
        _store = store;
        _options = options;
        _configured = options.CurrentValue.Flags.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _effective = _configured;
        _changeRegistration = options.OnChange(o =>
        {
            lock (_rebuildGate)
            {
                _configured = o.Flags.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
                Rebuild();
            }
        });
    }

    public bool IsEnabled(string flag) =>
        Volatile.Read(ref _effective).TryGetValue(flag, out var on) && on;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var loaded = await _store.LoadAsync(stoppingToken);
                lock (_rebuildGate)
                {
                    _overrides = loaded.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
                    Rebuild();
                }
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Keep the last known flags until the store comes back.
            }

            await Task.Delay(_options.CurrentValue.RefreshInterval, stoppingToken);
        }
    }

    private void Rebuild()
    {
        var merged = new Dictionary<string, bool>(_configured, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _overrides)
        {
            merged[name] = value;
        }
        Volatile.Write(ref _effective, merged.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    public override void Dispose()
    {
        _changeRegistration?.Dispose();
        base.Dispose();
    }
}
