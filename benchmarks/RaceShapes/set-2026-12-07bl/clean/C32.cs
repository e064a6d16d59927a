using Microsoft.Extensions.Logging;

namespace Blind64.Distillery.Warehouse
{
    public interface IWarehouseNotifier
    {
        Task SendAsync(string message, CancellationToken ct);
    }

    /// <summary>
    /// Watches cask-weight readings from the warehouse scales and alerts the warehouse manager
    /// about unusual losses, at most once per throttle window. Readings arrive from every
    /// scale's reader thread; the hourly counters are reset by a timer.
    /// </summary>
    public sealed class CaskLossAlerter : IDisposable
    {
        private readonly IWarehouseNotifier _notifier;
        private readonly ILogger _logger;
        private readonly long _throttleTicks;
        private readonly System.Timers.Timer _hourly;
        private long _lastAlertTicks;
        private int _readingsThisHour;
        private int _suppressedThisHour;

        public CaskLossAlerter(IWarehouseNotifier notifier, ILogger<CaskLossAlerter> logger, TimeSpan throttle)
        {
            _notifier = notifier;
            _logger = logger;
            _throttleTicks = throttle.Ticks;
            _hourly = new System.Timers.Timer(TimeSpan.FromHours(1).TotalMilliseconds) { AutoReset = true };
            _hourly.Elapsed += (_, _) => RollHour();
            _hourly.Start();
        }

        public void OnReading(string caskId, double expectedKg, double actualKg)
        {
            Interlocked.Increment(ref _readingsThisHour);
            var lossPct = (expectedKg - actualKg) / expectedKg * 100;
            if (lossPct < 4)
            {
                return;
            }

            var now = DateTime.UtcNow.Ticks;
            var last = Interlocked.Read(ref _lastAlertTicks);
            if (now - last < _throttleTicks ||
                Interlocked.CompareExchange(ref _lastAlertTicks, now, last) != last)
            {
                Interlocked.Increment(ref _suppressedThisHour);
                return;
            }

            _ = SendAlertAsync($"Cask {caskId} down {lossPct:F1}% against expected weight");
        }

        private async Task SendAlertAsync(string message)
        {
            try
            {
                await _notifier.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not send cask loss alert");
            }
        }

        private void RollHour()
        {
            var readings = Interlocked.Exchange(ref _readingsThisHour, 0);
            var suppressed = Interlocked.Exchange(ref _suppressedThisHour, 0);
            _logger.LogInformation("Cask scales: {Readings} readings, {Suppressed} alerts throttled in the last hour",
                readings, suppressed);
        }

        public void Dispose() => _hourly.Dispose();
    }
}
