namespace Blind34.ClayPigeon.ScoreBatching;

public sealed record ScoreCard(string Shooter, int Stand, int Hits, int Birds, DateTimeOffset ShotAt);

public interface IScoreSink
{
    void Write(IReadOnlyList<ScoreCard> batch);
}

/// <summary>
/// Collects score cards from the stand tablets and writes them to the club
/// database in batches, either when enough have piled up or when the flush
/// interval elapses.
/// </summary>
public sealed class ScoreBatchWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly IScoreSink _sink;
    private readonly int _maxBatch;
    private readonly Timer _timer;
    private List<ScoreCard> _pending = new();
    private long _written;

    public ScoreBatchWriter(IScoreSink sink, int maxBatch, TimeSpan interval)
    {
        _sink = sink;
        _maxBatch = maxBatch;
        _timer = new Timer(_ => FlushOnTimer(), null, interval, interval);
    }

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Called by each stand's tablet connection as scores come in.</summary>
    public void Add(ScoreCard card)
    {
        List<ScoreCard>? full = null;
        lock (_gate)
        {
            _pending.Add(card);
            if (_pending.Count >= _maxBatch)
            {
                full = _pending;
                _pending = new List<ScoreCard>(_maxBatch);
            }
        }

        if (full != null)
        {
            WriteBatch(full);
        }
    }

    private void FlushOnTimer()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending;
        _pending = new List<ScoreCard>(_maxBatch);
        WriteBatch(batch);
    }

    private void WriteBatch(List<ScoreCard> batch)
    {
        _sink.Write(batch);
        Interlocked.Add(ref _written, batch.Count);
    }

    public void Dispose()
    {
        _timer.Dispose();
        List<ScoreCard> rest;
        lock (_gate)
        {
            rest = _pending;
            _pending = new List<ScoreCard>();
        }

        if (rest.Count > 0)
        {
            WriteBatch(rest);
        }
    }
}
