using Microsoft.Extensions.Hosting;

namespace Wastewater.Aeration
{
    /// <summary>
    /// Dissolved-oxygen targets for the aeration basin. Immutable; replaced wholesale.
    /// </summary>
    public sealed class AerationSetpoint
    {
        public AerationSetpoint(double targetMgL, double maxBlowerPercent, long revision)
        {
            TargetMgL = targetMgL;
            MaxBlowerPercent = maxBlowerPercent;
            Revision = revision;
        }

        public double TargetMgL { get; }
        public double MaxBlowerPercent { get; }
        public long Revision { get; }
    }

    public interface IBlower
    {
        double ReadDissolvedOxygen();
        void SetOutputPercent(double percent);
    }

    /// <summary>
    /// Proportional blower control loop. The SCADA API pushes new setpoints
    /// through <see cref="Apply"/> while the loop runs.
    /// </summary>
    public sealed class AerationController : BackgroundService
    {
        private readonly IBlower _blower;
        private AerationSetpoint _setpoint = new(2.0, 85.0, 0);
        private long _revision;
        private double _output;

        public AerationController(IBlower blower) => _blower = blower;

        public AerationSetpoint Current => Volatile.Read(ref _setpoint);

        public long Apply(double targetMgL, double maxBlowerPercent)
        {
            var revision = Interlocked.Increment(ref _revision);
            var next = new AerationSetpoint(targetMgL, maxBlowerPercent, revision);
            AerationSetpoint seen;
            do
            {
                seen = Volatile.Read(ref _setpoint);
                if (seen.Revision > revision)
                {
                    return seen.Revision;
                }
            }
            while (Interlocked.CompareExchange(ref _setpoint, next, seen) != seen);

            return revision;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var sp = Volatile.Read(ref _setpoint);
                var error = sp.TargetMgL - _blower.ReadDissolvedOxygen();
                _output = Math.Clamp(_output + error * 6.0, 10.0, sp.MaxBlowerPercent);
                _blower.SetOutputPercent(_output);
            }
        }
    }
}
