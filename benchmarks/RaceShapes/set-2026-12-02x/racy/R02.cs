namespace Blind24.OrganTuning;

/// <summary>
/// One adjustment made by a tuner to a single pipe, measured in cents
/// relative to the reference pitch.
/// </summary>
public sealed record PipeAdjustment(string Rank, int PipeNumber, double CentsBefore, double CentsAfter, string Tuner);

/// <summary>
/// Running log of a tuning session. Several tuners work on different ranks at
/// the same time and each tablet posts adjustments to the same session object;
/// the console view polls the summary while they work.
/// </summary>
public sealed class TuningSessionLog
{
    private readonly List<PipeAdjustment> _adjustments = new();
    private readonly string _instrument;

    public TuningSessionLog(string instrument) => _instrument = instrument;

    public string Instrument => _instrument;

    public void Record(PipeAdjustment adjustment)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        lock (_adjustments)
        {
            _adjustments.Add(adjustment);
        }
    }

    /// <summary>Removes the most recent adjustment made by the given tuner.</summary>
    public PipeAdjustment? UndoLast(string tuner)
    {
        lock (this)
        {
            for (int i = _adjustments.Count - 1; i >= 0; i--)
            {
                if (_adjustments[i].Tuner == tuner)
                {
                    var removed = _adjustments[i];
                    _adjustments.RemoveAt(i);
                    return removed;
                }
            }
        }

        return null;
    }

    public IReadOnlyDictionary<string, double> AverageDriftByRank()
    {
        lock (_adjustments)
        {
            return _adjustments
                .GroupBy(a => a.Rank)
                .ToDictionary(g => g.Key, g => g.Average(a => Math.Abs(a.CentsAfter)));
        }
    }

    public int PipesTouched()
    {
        lock (_adjustments)
        {
            return _adjustments.Select(a => (a.Rank, a.PipeNumber)).Distinct().Count();
        }
    }
}

/// <summary>Receives posts from tuner tablets; each request runs on its own thread-pool thread.</summary>
public sealed class TabletGateway
{
    private readonly TuningSessionLog _log;

    public TabletGateway(TuningSessionLog log) => _log = log;

    public Task HandlePostAsync(string tuner, string rank, int pipe, double before, double after)
    {
        return Task.Run(() => _log.Record(new PipeAdjustment(rank, pipe, before, after, tuner)));
    }

    public Task<PipeAdjustment?> HandleUndoAsync(string tuner)
    {
        return Task.Run(() => _log.UndoLast(tuner));
    }
}
