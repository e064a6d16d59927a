using System.Threading.Channels;

namespace PerfumeLab.Blending;

public sealed class BlendBatch
{
    public BlendBatch(string formulaCode, IReadOnlyDictionary<string, double> gramsByOil)
    {
        FormulaCode = formulaCode;
        GramsByOil = gramsByOil;
    }

    public string FormulaCode { get; }
    public IReadOnlyDictionary<string, double> GramsByOil { get; }
    public double TotalGrams { get; set; }
    public string? Status { get; set; }
}

/// <summary>
/// Moves blend batches from the order intake to the single dosing station. The intake
/// builds each batch completely before handing it over; the dosing loop owns it afterwards.
/// </summary>
public sealed class DosingLine
{
    private readonly Channel<BlendBatch> _toDosing = Channel.CreateBounded<BlendBatch>(
        new BoundedChannelOptions(32) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Action<string, double> _dispense;
    private readonly List<BlendBatch> _completed = new();

    public DosingLine(Action<string, double> dispense) => _dispense = dispense;

    public async ValueTask SubmitAsync(string formulaCode, IReadOnlyDictionary<string, double> recipe, double scale, CancellationToken ct)
    {
        var scaled = recipe.ToDictionary(kv => kv.Key, kv => kv.Value * scale);
        var batch = new BlendBatch(formulaCode, scaled)
        {
            TotalGrams = scaled.Values.Sum(),
            Status = "queued",
        };
        await _toDosing.Writer.WriteAsync(batch, ct);
    }

    public void CloseIntake() => _toDosing.Writer.TryComplete();

    /// <summary>Runs the dosing station; returns every batch it processed once intake closes.</summary>
    public async Task<IReadOnlyList<BlendBatch>> RunDosingAsync(CancellationToken ct)
    {
        await foreach (var batch in _toDosing.Reader.ReadAllAsync(ct))
        {
            batch.Status = "dosing";
            foreach (var (oil, grams) in batch.GramsByOil)
                _dispense(oil, grams);
            batch.Status = "done";
            _completed.Add(batch);
        }
        return _completed.ToArray();
    }
}
