namespace Blind36.Marquetry.Cutting;

public sealed record VeneerCut(Guid Id, string Piece, string Species, double AreaCm2, int Station);

/// <summary>
/// The queue of veneer pieces waiting to be cut. Shared by every station in the
/// workshop: the design PC adds pieces, the saw stations take them, and the office
/// builds reports from it, each on its own thread.
/// </summary>
public sealed class CutQueue
{
    private readonly object _sync = new();
    private readonly List<VeneerCut> _pending = new();
    private int _completed;

    public IReadOnlyList<VeneerCut> Pending => _pending;

    public int Completed
    {
        get { lock (_sync) return _completed; }
    }

    public void Enqueue(VeneerCut cut)
    {
        lock (_sync)
        {
            _pending.Add(cut);
        }
    }

    public VeneerCut? TakeNext(int station)
    {
        lock (_sync)
        {
            int idx = _pending.FindIndex(c => c.Station == station);
            if (idx < 0)
                return null;
            var cut = _pending[idx];
            _pending.RemoveAt(idx);
            return cut;
        }
    }

    public void MarkDone(Guid id)
    {
        lock (_sync)
        {
            _completed++;
        }
    }
}

/// <summary>Summarises outstanding veneer by species for the purchasing office.</summary>
public sealed class VeneerReport
{
    private readonly CutQueue _queue;

    public VeneerReport(CutQueue queue) => _queue = queue;

    public Task<IReadOnlyDictionary<string, double>> BuildAsync() => Task.Run(() =>
    {
        var bySpecies = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var cut in _queue.Pending)
        {
            bySpecies.TryGetValue(cut.Species, out var area);
            bySpecies[cut.Species] = area + cut.AreaCm2;
        }
        return (IReadOnlyDictionary<string, double>)bySpecies;
    });
}
