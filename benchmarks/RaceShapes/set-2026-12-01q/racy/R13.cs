namespace CheeseCave.Humidity
{
    public sealed class HumidityAlertEventArgs : EventArgs
    {
        public HumidityAlertEventArgs(string bayId, double relativeHumidity)
        {
            BayId = bayId;
            RelativeHumidity = relativeHumidity;
        }

        public string BayId { get; }
        public double RelativeHumidity { get; }
    }

    public interface IMistingValve
    {
        Task PulseAsync(string bayId, TimeSpan duration, CancellationToken ct);
    }

    /// <summary>
    /// Polls the hygrometers in each ageing bay and raises an alert when a
    /// bay drops below its target humidity.
    /// </summary>
    public sealed class CaveHygrometerPoller
    {
        private readonly IReadOnlyDictionary<string, Func<double>> _sensors;
        private readonly double _lowThreshold;

        public CaveHygrometerPoller(IReadOnlyDictionary<string, Func<double>> sensors, double lowThreshold)
        {
            _sensors = sensors;
            _lowThreshold = lowThreshold;
        }

        public event EventHandler<HumidityAlertEventArgs>? HumidityLow;

        public async Task RunAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var (bay, read) in _sensors)
                {
                    var rh = read();
                    if (rh < _lowThreshold)
                    {
                        HumidityLow?.Invoke(this, new HumidityAlertEventArgs(bay, rh));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Responds to low-humidity alerts by pulsing the misting valve and keeps
    /// a daily count of misting cycles for the affineur's report.
    /// </summary>
    public sealed class MistingResponder
    {
        private readonly IMistingValve _valve;
        private readonly CancellationToken _shutdown;
        private int _cyclesToday;
        private double _litresToday;

        public MistingResponder(CaveHygrometerPoller poller, IMistingValve valve, CancellationToken shutdown)
        {
            _valve = valve;
            _shutdown = shutdown;
            poller.HumidityLow += OnHumidityLow;
        }

        public int CyclesToday => Volatile.Read(ref _cyclesToday);

        private async void OnHumidityLow(object? sender, HumidityAlertEventArgs e)
        {
            var deficit = 92.0 - e.RelativeHumidity;
            var pulse = TimeSpan.FromSeconds(Math.Clamp(deficit * 4, 5, 60));

            try
            {
                await _valve.PulseAsync(e.BayId, pulse, _shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _cyclesToday);
            _litresToday += pulse.TotalSeconds * 0.05;
        }

        public (int Cycles, double Litres) ResetDay()
        {
            var cycles = Interlocked.Exchange(ref _cyclesToday, 0);
            var litres = Interlocked.Exchange(ref _litresToday, 0.0);
            return (cycles, litres);
        }
    }
}
