using System.Threading.Tasks;

namespace Physics.Analysis
{
    public readonly record struct EnergyStatistics(long Count, double Mean, double Min, double Max);

    /// <summary>
    /// Post-processing of molecular dynamics runs: distribution of particle
    /// kinetic energies at the final timestep.
    /// </summary>
    public static class EnergyHistogram
    {
        public static long[] Build(double[] energies, double min, double max, int bins)
        {
            if (bins <= 0 || max <= min)
                throw new ArgumentException("Invalid histogram range.");

            var totals = new long[bins];
            var mergeLock = new object();
            double width = (max - min) / bins;

            Parallel.For(
                0,
                energies.Length,
                () => new long[bins],
                (i, _, local) =>
                {
                    int bin = (int)((energies[i] - min) / width);
                    if (bin >= 0 && bin < bins)
                        local[bin]++;
                    return local;
                },
                local =>
                {
                    lock (mergeLock)
                    {
                        for (int b = 0; b < bins; b++)
                            totals[b] += local[b];
                    }
                });

            return totals;
        }

        public static EnergyStatistics Summarize(double[] energies)
        {
            var mergeLock = new object();
            long count = 0;
            double sum = 0, lo = double.MaxValue, hi = double.MinValue;

            Parallel.For(
                0,
                energies.Length,
                () => (Count: 0L, Sum: 0.0, Min: double.MaxValue, Max: double.MinValue),
                (i, _, acc) => (acc.Count + 1, acc.Sum + energies[i], Math.Min(acc.Min, energies[i]), Math.Max(acc.Max, energies[i])),
                acc =>
                {
                    lock (mergeLock)
                    {
                        count += acc.Count;
                        sum += acc.Sum;
                        lo = Math.Min(lo, acc.Min);
                        hi = Math.Max(hi, acc.Max);
                    }
                });

            return count == 0
                ? new EnergyStatistics(0, 0, 0, 0)
                : new EnergyStatistics(count, sum / count, lo, hi);
        }
    }
}
