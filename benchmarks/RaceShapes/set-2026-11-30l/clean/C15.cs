using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Helix.Sequencing.Composition
{
    /// <summary>Computes dinucleotide frequencies and GC content over a set of contigs.</summary>
    public sealed class CompositionProfiler
    {
        private static readonly string[] Dinucleotides =
        {
            "AA", "AC", "AG", "AT", "CA", "CC", "CG", "CT",
            "GA", "GC", "GG", "GT", "TA", "TC", "TG", "TT",
        };

        public sealed record Profile(IReadOnlyDictionary<string, long> DinucleotideCounts, double GcFraction, long Bases);

        private sealed class Tally
        {
            public readonly long[] Pairs = new long[16];
            public long Gc;
            public long Bases;
        }

        public Profile Compute(IReadOnlyList<string> contigs)
        {
            var pairTotals = new long[16];
            long gcTotal = 0;
            long baseTotal = 0;
            var mergeLock = new object();

            Parallel.For(
                0,
                contigs.Count,
                () => new Tally(),
                (i, _, tally) =>
                {
                    Accumulate(contigs[i], tally);
                    return tally;
                },
                tally =>
                {
                    lock (mergeLock)
                    {
                        for (int p = 0; p < 16; p++)
                            pairTotals[p] += tally.Pairs[p];
                        gcTotal += tally.Gc;
                        baseTotal += tally.Bases;
                    }
                });

            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            for (int p = 0; p < 16; p++)
                counts[Dinucleotides[p]] = pairTotals[p];

            return new Profile(counts, baseTotal == 0 ? 0 : (double)gcTotal / baseTotal, baseTotal);
        }

        private static void Accumulate(string contig, Tally tally)
        {
            int previous = -1;
            foreach (char c in contig)
            {
                int code = c switch { 'A' => 0, 'C' => 1, 'G' => 2, 'T' => 3, _ => -1 };
                if (code < 0)
                {
                    previous = -1;
                    continue;
                }
                tally.Bases++;
                if (code is 1 or 2) tally.Gc++;
                if (previous >= 0) tally.Pairs[previous * 4 + code]++;
                previous = code;
            }
        }
    }
}
