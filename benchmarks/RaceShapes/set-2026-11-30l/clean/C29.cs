using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;

namespace Helix.Sequencing.Formats
{
    public sealed record SequenceRecord(string Id, string Description, string Bases);

    /// <summary>Formats sequences as FASTA text. Called from parallel export jobs.</summary>
    public static class FastaFormatter
    {
        [ThreadStatic]
        private static StringBuilder? t_builder;

        public static string Format(SequenceRecord record, int lineWidth = 60)
        {
            var builder = t_builder ??= new StringBuilder(8192);
            builder.Clear();

            builder.Append('>').Append(record.Id);
            if (!string.IsNullOrEmpty(record.Description))
                builder.Append(' ').Append(record.Description);
            builder.Append('\n');

            for (int i = 0; i < record.Bases.Length; i += lineWidth)
                builder.Append(record.Bases, i, Math.Min(lineWidth, record.Bases.Length - i)).Append('\n');

            string text = builder.ToString();

            // Do not keep very large buffers alive on pool threads.
            if (builder.Capacity > 4 * 1024 * 1024)
                t_builder = null;

            return text;
        }
    }

    /// <summary>Exports contigs, optionally as their reverse complement.</summary>
    public sealed class ContigExporter
    {
        public string[] Export(IReadOnlyList<SequenceRecord> contigs, bool reverseComplement)
        {
            var output = new string[contigs.Count];
            Parallel.For(0, contigs.Count, i =>
            {
                var record = contigs[i];
                if (reverseComplement)
                    record = record with { Bases = ReverseComplement(record.Bases), Description = record.Description + " (revcomp)" };
                output[i] = FastaFormatter.Format(record);
            });
            return output;
        }

        private static string ReverseComplement(string bases) =>
            string.Create(bases.Length, bases, static (span, source) =>
            {
                for (int i = 0; i < source.Length; i++)
                {
                    span[source.Length - 1 - i] = source[i] switch
                    {
                        'A' => 'T',
                        'T' => 'A',
                        'C' => 'G',
                        'G' => 'C',
                        'a' => 't',
                        't' => 'a',
                        'c' => 'g',
                        'g' => 'c',
                        _ => 'N',
                    };
                }
            });
    }
}
