namespace Dating.Matching.Scoring;

public sealed record MatchScore(Guid ProfileA, Guid ProfileB, double Score, DateTime ComputedAt);

public interface IMatchScoreRepository
{
    Task SaveAsync(IReadOnlyCollection<MatchScore> scores, CancellationToken ct);
}

/// <summary>
/// Buffers match scores produced by the nightly scoring job and writes them to the
/// database in batches. Used by the single scoring loop of the job; writes happen in
/// the background so scoring is not held up by the database.
/// </summary>
public sealed class MatchScoreBatchWriter
{
    private const int BatchSize = 500;

    private readonly IMatchScoreRepository _repository;
    private readonly List<MatchScore> _buffer = new(BatchSize);
    private readonly List<Task> _writes = new();

    public MatchScoreBatchWriter(IMatchScoreRepository repository)
    {
        _repository = repository;
    }

    public void Add(MatchScore score)
    {
        if (score.Score < 0.2)
        {
            // Low compatibility pairs are never shown, no need to store them.
            return;
        }

        _buffer.Add(score);
        if (_buffer.Count >= BatchSize)
        {
            Flush();
        }
    }

    public async Task CompleteAsync()
    {
        Flush();
        await Task.WhenAll(_writes);
        _writes.Clear();
    }

    private void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var batch = _buffer;
        _writes.Add(Task.Run(() => _repository.SaveAsync(batch.ToArray(), CancellationToken.None)));
        _buffer.Clear();
    }
}

/// <summary>Scores every candidate pair within a city and hands them to the writer.</summary>
public sealed class CityScoringJob
{
    private readonly MatchScoreBatchWriter _writer;

    public CityScoringJob(MatchScoreBatchWriter writer) => _writer = writer;

    public async Task RunAsync(IReadOnlyList<(Guid Id, double[] Interests)> profiles)
    {
        for (var i = 0; i < profiles.Count; i++)
        {
            for (var j = i + 1; j < profiles.Count; j++)
            {
                var score = Cosine(profiles[i].Interests, profiles[j].Interests);
                _writer.Add(new MatchScore(profiles[i].Id, profiles[j].Id, score, DateTime.UtcNow));
            }
        }

        await _writer.CompleteAsync();
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < Math.Min(a.Length, b.Length); k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
