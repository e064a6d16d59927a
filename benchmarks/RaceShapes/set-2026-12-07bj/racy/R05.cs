using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind62.Falconry.Weighing
{
    public sealed record WeighIn(string Bird, double Grams, DateTimeOffset At);

    public interface IPerchScaleReader
    {
        Task<IReadOnlyList<WeighIn>> ReadPendingAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Polls the smart perch scales in the mews and keeps the most recent weigh-ins so
    /// the falconers' app can show flying weight trends. Registered as a singleton and
    /// as a hosted service; the API controller resolves the same instance.
    /// </summary>
    public sealed class MewsWeighMonitor : BackgroundService
    {
        private const int MaxRetained = 500;

        private readonly IPerchScaleReader _scales;
        private readonly ILogger<MewsWeighMonitor> _logger;
        private readonly List<WeighIn> _recent = new();

        public MewsWeighMonitor(IPerchScaleReader scales, ILogger<MewsWeighMonitor> logger)
        {
            _scales = scales;
            _logger = logger;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                IReadOnlyList<WeighIn> readings;
                try
                {
                    readings = await _scales.ReadPendingAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Perch scale poll failed");
                    continue;
                }

                foreach (var reading in readings)
                {
                    _recent.Add(reading);
                }

                if (_recent.Count > MaxRetained)
                {
                    _recent.RemoveRange(0, _recent.Count - MaxRetained);
                }
            }
        }

        /// <summary>Called by the weigh-in controller.</summary>
        public IReadOnlyList<WeighIn> RecentFor(string bird, int take = 20) =>
            _recent.Where(w => string.Equals(w.Bird, bird, StringComparison.OrdinalIgnoreCase))
                   .OrderByDescending(w => w.At)
                   .Take(take)
                   .ToList();
    }
}
