namespace Genomics.Alignment;

public sealed record SequencingRead(string ReadId, string Bases);

public sealed record ReadChunk(int ChunkIndex, IReadOnlyList<SequencingRead> Reads);

public sealed record AlignmentHit(string ReadId, string Contig, long Position, int AlignedLength, int MappingQuality);

public sealed record BatchSummary(int TotalReads, int UnmappedReads, long AlignedBases);

public interface IAligner
{
    AlignmentHit? Align(SequencingRead read);
}

/// <summary>
/// Toy seed-and-extend aligner against a single reference contig, used in pipeline tests.
/// </summary>
public sealed class ExactSeedAligner : IAligner
{
    private readonly string _contigName;
    private readonly string _reference;

    public ExactSeedAligner(string contigName, string reference)
    {
        _contigName = contigName;
        _reference = reference;
    }

    public AlignmentHit? Align(SequencingRead read)
    {
        if (read.Bases.Length < 12)
        {
            return null;
        }

        var seed = read.Bases[..12];
        var pos = _reference.IndexOf(seed, StringComparison.Ordinal);
        if (pos < 0)
        {
            return null;
        }

        var length = 0;
        while (length < read.Bases.Length && pos + length < _reference.Length && _reference[pos + length] == read.Bases[length])
        {
            length++;
        }
        return new AlignmentHit(read.ReadId, _contigName, pos, length, length == read.Bases.Length ? 60 : 20);
    }
}

/// <summary>
/// Aligns one flow cell's worth of read chunks and reports how many reads failed to map.
/// </summary>
public sealed class AlignmentBatchRunner
{
    public async Task<BatchSummary> RunAsync(IReadOnlyList<ReadChunk> chunks, IAligner aligner, CancellationToken ct)
    {
        int unmapped = 0;
        long alignedBases = 0;

        var tasks = chunks.Select(chunk => Task.Run(() =>
        {
            foreach (var read in chunk.Reads)
            {
                ct.ThrowIfCancellationRequested();
                var hit = aligner.Align(read);
                if (hit is null || hit.MappingQuality < 10)
                {
                    unmapped++;
                    continue;
                }
                Interlocked.Add(ref alignedBases, hit.AlignedLength);
            }
        }, ct)).ToList();

        await Task.WhenAll(tasks);

        var total = chunks.Sum(c => c.Reads.Count);
        return new BatchSummary(total, unmapped, alignedBases);
    }
}
