using System.Text;
using System.Threading.Channels;

namespace Quarry.BlastLog
{
    public sealed record BlastEvent(string BenchId, DateTimeOffset FiredAt, double ChargeKg, double PeakParticleVelocityMmS, string ShotFirer);

    /// <summary>
    /// Compiles the daily blasting register from seismograph events. Several
    /// consumers drain the event channel so slow vibration lookups do not
    /// hold up the others.
    /// </summary>
    public sealed class DailyBlastRegister
    {
        private readonly Channel<BlastEvent> _events = Channel.CreateUnbounded<BlastEvent>(new UnboundedChannelOptions
        {
            SingleReader = false,
            SingleWriter = true,
        });

        private readonly StringBuilder _register = new();
        private readonly Func<BlastEvent, CancellationToken, Task<string>> _lookupNearestReceptor;
        private int _exceedances;

        public DailyBlastRegister(Func<BlastEvent, CancellationToken, Task<string>> lookupNearestReceptor)
        {
            _lookupNearestReceptor = lookupNearestReceptor;
        }

        public double VibrationLimitMmS { get; init; } = 10.0;

        public ChannelWriter<BlastEvent> Writer => _events.Writer;

        public int Exceedances => Volatile.Read(ref _exceedances);

        public Task RunAsync(int consumers, CancellationToken ct)
        {
            var tasks = new Task[consumers];
            for (var i = 0; i < consumers; i++)
            {
                tasks[i] = Task.Run(() => ConsumeAsync(ct), ct);
            }
            return Task.WhenAll(tasks);
        }

        private async Task ConsumeAsync(CancellationToken ct)
        {
            await foreach (var ev in _events.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var receptor = await _lookupNearestReceptor(ev, ct).ConfigureAwait(false);
                var exceeded = ev.PeakParticleVelocityMmS > VibrationLimitMmS;
                if (exceeded)
                {
                    Interlocked.Increment(ref _exceedances);
                }

                _register.AppendLine(
                    $"{ev.FiredAt:HH:mm} | {ev.BenchId,-6} | {ev.ChargeKg,8:F1} kg | {ev.PeakParticleVelocityMmS,6:F2} mm/s | {receptor} | {ev.ShotFirer}{(exceeded ? " | EXCEEDED" : string.Empty)}");
            }
        }

        /// <summary>
        /// Called once after <see cref="RunAsync"/> completes at end of shift.
        /// </summary>
        public string Render()
        {
            return _register.ToString();
        }
    }
}
