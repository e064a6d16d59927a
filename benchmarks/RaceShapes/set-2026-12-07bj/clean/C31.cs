using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind62.KiteFestival.Flags
{
    public interface IFlagStore
    {
        Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Feature flags for the festival app (night-flying display, ticket resale, live
    /// judging feed). Loaded once at start-up before requests are served, then
    /// refreshed from the store every thirty seconds.
    /// </summary>
    public sealed class FestivalFeatureFlags : BackgroundService
    {
        private readonly IFlagStore _store;
        private readonly ILogger<FestivalFeatureFlags> _logger;
        private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ImmutableDictionary<string, bool> _flags = ImmutableDictionary<string, bool>.Empty;

        public FestivalFeatureFlags(IFlagStore store, ILogger<FestivalFeatureFlags> logger)
        {
            _store = store;
            _logger = logger;
        }

        /// <summary>Completes once the first load has finished; awaited by the start-up gate middleware.</summary>
        public Task WarmedUp => _warm.Task;

        public bool IsEnabled(string flag) =>
            Volatile.Read(ref _flags).TryGetValue(flag, out bool enabled) && enabled;

        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            _warm.TrySetResult();
            await base.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Flag refresh failed; keeping previous flags");
                }
            }
        }

        private async Task RefreshAsync(CancellationToken cancellationToken)
        {
            var loaded = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            var next = loaded.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
            var previous = Interlocked.Exchange(ref _flags, next);
            foreach (var (name, value) in next)
            {
                if (!previous.TryGetValue(name, out bool old) || old != value)
                {
                    _logger.LogInformation("Feature flag {Flag} is now {Value}", name, value);
                }
            }
        }
    }
}
