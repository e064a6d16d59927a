namespace CheeseCave.Ventilation
{
    public sealed class CondensationEventArgs : EventArgs
    {
        public CondensationEventArgs(string bayId, double dewPointMarginC)
        {
            BayId = bayId;
            DewPointMarginC = dewPointMarginC;
        }

        public string BayId { get; }
        public double DewPointMarginC { get; }
    }

    public interface IExtractorFan
    {
        Task RunForAsync(string bayId, TimeSpan duration, CancellationToken ct);
    }

    /// <summary>
    /// Raised by the dew-point monitor when a bay's surfaces are close to condensing.
    /// </summary>
    public sealed class DewPointMonitor
    {
        public event EventHandler<CondensationEventArgs>? CondensationRisk;

        public void Publish(string bayId, double marginC) => CondensationRisk?.Invoke(this, new CondensationEventArgs(bayId, marginC));
    }

    /// <summary>
    /// Runs the extractor fans in response to condensation alerts and keeps
    /// running totals of fan time for the energy report.
    /// </summary>
    public sealed class ExtractorResponder
    {
        private readonly IExtractorFan _fan;
        private readonly CancellationToken _shutdown;
        private readonly object _totalsLock = new();
        private int _runs;
        private TimeSpan _fanTime;

        public ExtractorResponder(DewPointMonitor monitor, IExtractorFan fan, CancellationToken shutdown)
        {
            _fan = fan;
            _shutdown = shutdown;
            monitor.CondensationRisk += OnCondensationRisk;
        }

        private async void OnCondensationRisk(object? sender, CondensationEventArgs e)
        {
            var duration = TimeSpan.FromMinutes(e.DewPointMarginC < 0.5 ? 10 : 4);
            try
            {
                await _fan.RunForAsync(e.BayId, duration, _shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_totalsLock)
            {
                _runs++;
                _fanTime += duration;
            }
        }

        public (int Runs, TimeSpan FanTime) TakeDailyTotals()
        {
            lock (_totalsLock)
            {
                var result = (_runs, _fanTime);
                _runs = 0;
                _fanTime = TimeSpan.Zero;
                return result;
            }
        }
    }

    public static class DewPointPolling
    {
        public static async Task RunAsync(DewPointMonitor monitor, IReadOnlyDictionary<string, Func<double>> margins, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var (bay, read) in margins)
                {
                    var margin = read();
                    if (margin < 1.5)
                    {
                        monitor.Publish(bay, margin);
                    }
                }
            }
        }
    }
}
