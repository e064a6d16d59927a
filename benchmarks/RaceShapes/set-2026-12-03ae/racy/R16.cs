namespace Blind31.WoolDyeingVats.Scheduling;

public sealed record DyeBatch(int BatchId, string Colour, double FleeceKg, bool Rush);

/// <summary>
/// Queue of dye batches waiting for a vat. Shared by the order intake API, the vat
/// controllers (one thread per vat) and the dye master's console.
/// </summary>
public sealed class DyeBatchQueue
{
    private readonly object _sync = new();
    private readonly Queue<DyeBatch> _waiting = new();
    private readonly Dictionary<int, DyeBatch> _inVat = new();

    public void Enqueue(DyeBatch batch)
    {
        lock (_sync)
        {
            _waiting.Enqueue(batch);
        }
    }

    /// <summary>Called by a vat controller when its vat has been rinsed and refilled.</summary>
    public DyeBatch? TakeForVat(int vatNumber)
    {
        lock (_sync)
        {
            if (!_waiting.TryDequeue(out var batch))
            {
                return null;
            }

            _inVat[vatNumber] = batch;
            return batch;
        }
    }

    public void FinishVat(int vatNumber)
    {
        lock (_sync)
        {
            _inVat.Remove(vatNumber);
        }
    }

    public int WaitingCount
    {
        get { lock (_sync) { return _waiting.Count; } }
    }

    /// <summary>
    /// Moves rush batches and batches of the given colour to the front, so that the vat
    /// already holding that colour can take them without a full rinse.
    /// </summary>
    public void Prioritise(string colour)
    {
        lock (this)
        {
            var items = _waiting.ToArray();
            _waiting.Clear();

            foreach (var batch in items.Where(b => b.Rush || b.Colour == colour))
            {
                _waiting.Enqueue(batch);
            }

            foreach (var batch in items.Where(b => !b.Rush && b.Colour != colour))
            {
                _waiting.Enqueue(batch);
            }
        }
    }

    public IReadOnlyDictionary<int, DyeBatch> Occupancy()
    {
        lock (_sync)
        {
            return new Dictionary<int, DyeBatch>(_inVat);
        }
    }
}
