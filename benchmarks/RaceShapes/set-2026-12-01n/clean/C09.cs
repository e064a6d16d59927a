namespace Genomics.Coverage;

public sealed record AlignedRead(string Contig, long Start, int Length, int MappingQuality);

public sealed record ChunkStats(int Reads, int LowQuality, long CoveredBases, IReadOnlyDictionary<string, int> ReadsPerContig);

public sealed record CoverageSummary(int Reads, int LowQuality, long CoveredBases, IReadOnlyDictionary<string, int> ReadsPerContig);

/// <summary>
/// Summarises coverage across the chunks of a BAM-like alignment batch. Each chunk is
/// summarised independently and the per-chunk results are combined at the end.
/// </summary>
public sealed class CoverageSummariser
{
    private readonly int _minMappingQuality;

    public CoverageSummariser(int minMappingQuality) => _minMappingQuality = minMappingQuality;

    public async Task<CoverageSummary> SummariseAsync(IReadOnlyList<IReadOnlyList<AlignedRead>> chunks, CancellationToken ct)
    {
        var pending = chunks.Select(chunk => Task.Run(() => SummariseChunk(chunk, ct), ct)).ToList();
        var results = new List<ChunkStats>(pending.Count);

        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            results.Add(await finished);
        }

        var perContig = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stats in results)
        {
            foreach (var (contig, count) in stats.ReadsPerContig)
            {
                perContig[contig] = perContig.GetValueOrDefault(contig) + count;
            }
        }

        return new CoverageSummary(
            results.Sum(r => r.Reads),
            results.Sum(r => r.LowQuality),
            results.Sum(r => r.CoveredBases),
            perContig);
    }

    private ChunkStats SummariseChunk(IReadOnlyList<AlignedRead> chunk, CancellationToken ct)
    {
        var lowQuality = 0;
        long covered = 0;
        var perContig = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var read in chunk)
        {
            ct.ThrowIfCancellationRequested();
            if (read.MappingQuality < _minMappingQuality)
            {
                lowQuality++;
                continue;
            }

            covered += read.Length;
            perContig[read.Contig] = perContig.GetValueOrDefault(read.Contig) + 1;
        }

        return new ChunkStats(chunk.Count, lowQuality, covered, perContig);
    }
}
