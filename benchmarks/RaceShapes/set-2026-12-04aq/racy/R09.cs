namespace Blind43.SeedBank.Germination;

public sealed record GerminationResult(string AccessionId, int Sown, int Germinated)
{
    public double Rate => Sown == 0 ? 0 : (double)Germinated / Sown;
}

public interface IIncubatorReader
{
    Task<GerminationResult> ReadTrayAsync(string accessionId, CancellationToken ct);
}

/// <summary>
/// Runs a viability check over a batch of stored accessions by reading incubator trays.
/// The curator can abort a run from the console, which cancels the token passed in.
/// </summary>
public sealed class ViabilityRun
{
    private readonly object _gate = new();
    private readonly List<GerminationResult> _results = new();
    private readonly IIncubatorReader _reader;
    private string _status = "idle";

    public ViabilityRun(IIncubatorReader reader) => _reader = reader;

    public string Status
    {
        get { lock (_gate) { return _status; } }
    }

    public async Task<IReadOnlyList<GerminationResult>> RunAsync(IReadOnlyList<string> accessions, CancellationToken ct)
    {
        lock (_gate)
        {
            _status = "running";
        }

        // An aborted run must not leave half a batch looking like a valid result set.
        using var registration = ct.Register(() =>
        {
            _results.Clear();
            lock (_gate)
            {
                _status = "aborted";
            }
        });

        await Parallel.ForEachAsync(accessions, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (id, token) =>
        {
            GerminationResult result;
            try
            {
                result = await _reader.ReadTrayAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                result = new GerminationResult(id, 0, 0);
            }

            lock (_gate)
            {
                _results.Add(result);
            }
        }).ConfigureAwait(false);

        lock (_gate)
        {
            if (_status == "running")
            {
                _status = "complete";
            }

            return _results.ToArray();
        }
    }

    public IReadOnlyList<GerminationResult> BelowThreshold(double threshold)
    {
        lock (_gate)
        {
            return _results.Where(r => r.Rate < threshold).ToArray();
        }
    }
}
