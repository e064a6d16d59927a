using System.Text;
using System.Threading.Channels;

namespace Quarry.ShotRecords
{
    public sealed record ShotFired(string Bench, DateTimeOffset At, int HoleCount, double ExplosiveKg, double AirOverpressureDb);

    /// <summary>
    /// Writes the shot register for the quarry manager. Any number of
    /// seismograph adapters may post shots; one writer loop formats them.
    /// </summary>
    public sealed class ShotRegisterWriter
    {
        private readonly Channel<ShotFired> _shots = Channel.CreateBounded<ShotFired>(new BoundedChannelOptions(500)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

        private readonly StringBuilder _register = new();
        private int _overpressureAlerts;

        public double OverpressureLimitDb { get; init; } = 120;

        public ValueTask PostAsync(ShotFired shot, CancellationToken ct) => _shots.Writer.WriteAsync(shot, ct);

        public void Complete() => _shots.Writer.TryComplete();

        /// <summary>
        /// Runs until <see cref="Complete"/> is called, then returns the finished register.
        /// </summary>
        public async Task<string> WriteRegisterAsync(CancellationToken ct)
        {
            _register.AppendLine("Time  | Bench  | Holes | Explosive | Overpressure");

            await foreach (var shot in _shots.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var alert = shot.AirOverpressureDb > OverpressureLimitDb;
                if (alert)
                {
                    _overpressureAlerts++;
                }

                _register.Append($"{shot.At:HH:mm} | {shot.Bench,-6} | {shot.HoleCount,5} | {shot.ExplosiveKg,7:F1} kg | {shot.AirOverpressureDb,5:F1} dB");
                _register.AppendLine(alert ? " *" : string.Empty);
            }

            _register.AppendLine($"Overpressure alerts: {_overpressureAlerts}");
            return _register.ToString();
        }
    }

    public static class EndOfShift
    {
        public static async Task<string> CloseAsync(ShotRegisterWriter writer, IEnumerable<IAsyncEnumerable<ShotFired>> adapters, CancellationToken ct)
        {
            var writing = writer.WriteRegisterAsync(ct);

            var producers = adapters.Select(a => Task.Run(async () =>
            {
                await foreach (var shot in a.WithCancellation(ct).ConfigureAwait(false))
                {
                    await writer.PostAsync(shot, ct).ConfigureAwait(false);
                }
            }, ct)).ToArray();

            await Task.WhenAll(producers).ConfigureAwait(false);
            writer.Complete();
            return await writing.ConfigureAwait(false);
        }
    }
}
