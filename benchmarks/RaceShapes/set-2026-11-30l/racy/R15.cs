using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Helix.Sequencing.Kmers
{
    /// <summary>Counts canonical k-mers across a set of sequencing reads.</summary>
    public sealed class KmerCounter
    {
        private readonly int _k;

        public KmerCounter(int k)
        {
            if (k < 1 || k > 31) throw new ArgumentOutOfRangeException(nameof(k));
            _k = k;
        }

        public Dictionary<string, long> CountAll(IReadOnlyList<string> reads)
        {
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);

            Parallel.For(
                0,
                reads.Count,
                () => new Dictionary<string, long>(StringComparer.Ordinal),
                (i, _, local) =>
                {
                    CountRead(reads[i], local);
                    return local;
                },
                local =>
                {
                    foreach (var (kmer, count) in local)
                    {
                        totals.TryGetValue(kmer, out long existing);
                        totals[kmer] = existing + count;
                    }
                });

            return totals;
        }

        private void CountRead(string read, Dictionary<string, long> counts)
        {
            for (int start = 0; start + _k <= read.Length; start++)
            {
                var window = read.AsSpan(start, _k);
                if (window.IndexOfAnyExcept("ACGT") >= 0)
                    continue;

                string kmer = Canonical(window);
                counts.TryGetValue(kmer, out long n);
                counts[kmer] = n + 1;
            }
        }

        private static string Canonical(ReadOnlySpan<char> kmer)
        {
            Span<char> reverse = stackalloc char[kmer.Length];
            for (int i = 0; i < kmer.Length; i++)
            {
                reverse[kmer.Length - 1 - i] = kmer[i] switch
                {
                    'A' => 'T',
                    'T' => 'A',
                    'C' => 'G',
                    _ => 'C',
                };
            }
            return reverse.SequenceCompareTo(kmer) < 0 ? new string(reverse) : new string(kmer);
        }
    }
}
