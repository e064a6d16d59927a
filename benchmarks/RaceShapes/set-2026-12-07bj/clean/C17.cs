using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.Aquarium.Dosing
{
    public sealed record ReefTank(string Id, double VolumeLitres, double TargetAlkalinityDkh);

    public sealed record DoseResult(string TankId, double MillilitresDosed, bool Succeeded);

    public interface IDosingPump
    {
        Task<double> MeasureAlkalinityAsync(string tankId, CancellationToken cancellationToken);
        Task DoseAsync(string tankId, double millilitres, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Nightly alkalinity top-up across the reef gallery. Each tank's result is
    /// returned from its own task and collected once every task has finished.
    /// </summary>
    public sealed class AlkalinityDoser
    {
        private readonly IDosingPump _pump;

        public AlkalinityDoser(IDosingPump pump)
        {
            _pump = pump;
        }

        public async Task<IReadOnlyList<DoseResult>> DoseAllAsync(IEnumerable<ReefTank> tanks, CancellationToken cancellationToken)
        {
            var perTank = tanks.Select(t => DoseOneAsync(t, cancellationToken)).ToArray();
            DoseResult[] results = await Task.WhenAll(perTank).ConfigureAwait(false);
            return results.OrderBy(r => r.TankId, StringComparer.Ordinal).ToList();
        }

        /// <summary>Variant used by the maintenance app, limited to four pumps at once.</summary>
        public async Task<IReadOnlyCollection<string>> FlushLinesAsync(IEnumerable<ReefTank> tanks, CancellationToken cancellationToken)
        {
            var failed = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(
                tanks,
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (tank, ct) =>
                {
                    try
                    {
                        await _pump.DoseAsync(tank.Id, 0, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failed.Add(tank.Id);
                    }
                }).ConfigureAwait(false);

            return failed.ToArray();
        }

        private async Task<DoseResult> DoseOneAsync(ReefTank tank, CancellationToken cancellationToken)
        {
            try
            {
                double measured = await _pump.MeasureAlkalinityAsync(tank.Id, cancellationToken).ConfigureAwait(false);
                double deficit = tank.TargetAlkalinityDkh - measured;
                if (deficit <= 0.05)
                {
                    return new DoseResult(tank.Id, 0, true);
                }

                // 1 ml of two-part raises 1 L by roughly 0.0028 dKH
                double ml = Math.Round(deficit * tank.VolumeLitres / 0.0028 / 1000.0, 1);
                await _pump.DoseAsync(tank.Id, ml, cancellationToken).ConfigureAwait(false);
                return new DoseResult(tank.Id, ml, true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new DoseResult(tank.Id, 0, false);
            }
        }
    }
}
