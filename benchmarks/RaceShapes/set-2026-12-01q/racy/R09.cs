using Microsoft.Extensions.Hosting;

namespace Wastewater.Dosing
{
    /// <summary>
    /// Target dosing for the ferric chloride pump on one clarifier.
    /// </summary>
    public readonly struct DoseSetpoint
    {
        public DoseSetpoint(double mgPerLitre, double maxPumpHz, long revision)
        {
            MgPerLitre = mgPerLitre;
            MaxPumpHz = maxPumpHz;
            Revision = revision;
        }

        public double MgPerLitre { get; }
        public double MaxPumpHz { get; }
        public long Revision { get; }
    }

    public interface IDosingPump
    {
        double ReadFlowLitresPerSecond();
        void SetFrequency(double hz);
    }

    /// <summary>
    /// Closed-loop dosing controller. Runs every two seconds; operators can
    /// push a new setpoint from the SCADA panel through <see cref="ApplyOperatorSetpoint"/>.
    /// </summary>
    public sealed class FerricDosingController : BackgroundService
    {
        private const double LitresPerHzSecond = 0.0042;
        private readonly IDosingPump _pump;
        private DoseSetpoint _setpoint = new(12.0, 40.0, 0);
        private long _nextRevision = 1;
        private double _lastCommandedHz;

        public FerricDosingController(IDosingPump pump) => _pump = pump;

        public double LastCommandedHz => Volatile.Read(ref _lastCommandedHz);

        /// <summary>
        /// Called by the SCADA API endpoint when the operator confirms a new dose.
        /// </summary>
        public long ApplyOperatorSetpoint(double mgPerLitre, double maxPumpHz)
        {
            if (mgPerLitre < 0 || maxPumpHz <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(mgPerLitre));
            }

            var revision = Interlocked.Increment(ref _nextRevision);
            _setpoint = new DoseSetpoint(mgPerLitre, maxPumpHz, revision);
            return revision;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var sp = _setpoint;
                var flow = _pump.ReadFlowLitresPerSecond();

                // Chemical stock is 1 mg per 1e-3 L of dosing solution.
                var requiredLitresPerSecond = flow * sp.MgPerLitre * 1e-6;
                var hz = Math.Clamp(requiredLitresPerSecond / LitresPerHzSecond, 0, sp.MaxPumpHz);

                _pump.SetFrequency(hz);
                Volatile.Write(ref _lastCommandedHz, hz);
            }
        }
    }
}
