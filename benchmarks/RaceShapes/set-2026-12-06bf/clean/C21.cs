namespace Blind58.RopewalkArchive;

public sealed record RopeRecord(string Ledger, int Year, double LengthFathoms, int Strands, string Fibre);

public sealed record RopewalkTotals(double TotalFathoms, long Ropes, IReadOnlyDictionary<string, double> FathomsByFibre);

/// <summary>
/// Summarises the ropewalk museum's digitised production ledgers: how much rope was laid
/// and of which fibre. Ledger pages are processed in parallel.
/// </summary>
public static class LedgerSummariser
{
    public static RopewalkTotals Summarise(IReadOnlyList<RopeRecord> records, IProgress<int>? progress = null)
    {
        long totalHundredths = 0;
        long ropes = 0;
        int processed = 0;
        var byFibre = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var byFibreLock = new object();

        Parallel.For(
            0,
            records.Count,
            () => new LocalTotals(),
            (i, _, local) =>
            {
                var record = records[i];
                local.Hundredths += (long)Math.Round(record.LengthFathoms * 100);
                local.Ropes++;
                local.ByFibre[record.Fibre] = local.ByFibre.GetValueOrDefault(record.Fibre) + record.LengthFathoms;

                int done = Interlocked.Increment(ref processed);
                if (done % 1000 == 0) progress?.Report(done);
                return local;
            },
            local =>
            {
                Interlocked.Add(ref totalHundredths, local.Hundredths);
                Interlocked.Add(ref ropes, local.Ropes);
                lock (byFibreLock)
                {
                    foreach (var (fibre, fathoms) in local.ByFibre)
                    {
                        byFibre[fibre] = byFibre.GetValueOrDefault(fibre) + fathoms;
                    }
                }
            });

        return new RopewalkTotals(totalHundredths / 100.0, ropes, byFibre);
    }

    public static IReadOnlyDictionary<int, double> FathomsPerYear(IReadOnlyList<RopeRecord> records)
    {
        int minYear = records.Min(r => r.Year);
        int maxYear = records.Max(r => r.Year);
        var perYear = new double[maxYear - minYear + 1];

        // Each iteration owns one year's slot.
        Parallel.For(0, perYear.Length, offset =>
        {
            int year = minYear + offset;
            double sum = 0;
            foreach (var r in records)
            {
                if (r.Year == year) sum += r.LengthFathoms;
            }

            perYear[offset] = sum;
        });

        return perYear.Select((v, i) => (Year: minYear + i, v)).ToDictionary(p => p.Year, p => p.v);
    }

    private sealed class LocalTotals
    {
        public long Hundredths;
        public long Ropes;
        public readonly Dictionary<string, double> ByFibre = new(StringComparer.OrdinalIgnoreCase);
    }
}
