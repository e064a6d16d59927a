using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Blind64.LlamaTrek.Features
{
    public sealed class TrekFeatureOptions
    {
        public Dictionary<string, bool> Flags { get; set; } = new();
    }

    public interface IFlagStore
    {
        Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct);
    }

    /// <summary>
    /// Feature flags for the llama trekking booking site. Defaults come from configuration
    /// (and follow config reloads); overrides are refreshed from the flag store every minute.
    /// App-wide singleton read on every request.
    /// </summary>
    public sealed class TrekFeatureFlags : IDisposable
    {
        private readonly IFlagStore _store;
        private readonly IDisposable? _optionsSubscription;
        private readonly PeriodicTimer _refreshTimer = new(TimeSpan.FromMinutes(1));
        private readonly object _rebuildGate = new();
        private IReadOnlyDictionary<string, bool> _configDefaults;
        private IReadOnlyDictionary<string, bool> _storeOverrides = FrozenDictionary<string, bool>.Empty;
        private FrozenDictionary<string, bool> _effective = FrozenDictionary<string, bool>.Empty;

        public TrekFeatureFlags(IOptionsMonitor<TrekFeatureOptions> options, IFlagStore store)
        {
            _store = store;
            _configDefaults = options.CurrentValue.Flags.ToFrozenDictionary();
            Rebuild();
            _optionsSubscription = options.OnChange(o =>
            {
                lock (_rebuildGate)
                {
                    _configDefaults = o.Flags.ToFrozenDictionary();
                    Rebuild();
                }
            });
        }

        public bool IsEnabled(string flag) =>
            Volatile.Read(ref _effective).TryGetValue(flag, out var on) && on;

        public async Task RunRefreshLoopAsync(CancellationToken ct)
        {
            while (await _refreshTimer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var overrides = await _store.LoadAsync(ct).ConfigureAwait(false);
                lock (_rebuildGate)
                {
                    _storeOverrides = overrides;
                    Rebuild();
                }
            }
        }

        private void Rebuild()
        {
            var merged = new Dictionary<string, bool>(_configDefaults);
            foreach (var (key, value) in _storeOverrides)
            {
                merged[key] = value;
            }

            Volatile.Write(ref _effective, merged.ToFrozenDictionary());
        }

        public void Dispose()
        {
            _optionsSubscription?.Dispose();
            _refreshTimer.Dispose();
        }
    }
}
