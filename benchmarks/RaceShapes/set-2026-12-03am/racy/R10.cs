using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.MapleSyrup.Grading;

public enum SyrupGrade
{
    GoldenDelicate,
    AmberRich,
    DarkRobust,
    VeryDarkStrong,
}

public sealed record GradingResult(string BatchId, SyrupGrade Grade, double Brix);

/// <summary>
/// Tracks one evaporator batch from first boil to grading. The boiling-room screen awaits
/// <see cref="WaitForGradeAsync"/> while the grading bench calls <see cref="Complete"/>.
/// </summary>
public sealed class EvaporatorBatch
{
    private readonly TaskCompletionSource _graded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SyrupGrade _grade;
    private double _brix;

    public EvaporatorBatch(string batchId) => BatchId = batchId;

    public string BatchId { get; }

    public bool IsGraded => _graded.Task.IsCompleted;

    public void Complete(double lightTransmittancePercent, double brix)
    {
        var grade = lightTransmittancePercent switch
        {
            >= 75 => SyrupGrade.GoldenDelicate,
            >= 50 => SyrupGrade.AmberRich,
            >= 25 => SyrupGrade.DarkRobust,
            _ => SyrupGrade.VeryDarkStrong,
        };

        if (!_graded.TrySetResult())
            throw new InvalidOperationException($"Batch {BatchId} has already been graded.");

        _grade = grade;
        _brix = brix;
    }

    public async Task<GradingResult> WaitForGradeAsync(CancellationToken ct)
    {
        await _graded.Task.WaitAsync(ct);
        return new GradingResult(BatchId, _grade, _brix);
    }
}

/// <summary>The sugarhouse board listing the day's batches once all of them are graded.</summary>
public sealed class SugarhouseBoard
{
    private readonly List<EvaporatorBatch> _batches = new();

    public EvaporatorBatch StartBatch(string batchId)
    {
        var batch = new EvaporatorBatch(batchId);
        _batches.Add(batch);
        return batch;
    }

    public async Task<string> RenderWhenGradedAsync(CancellationToken ct)
    {
        var results = await Task.WhenAll(_batches.Select(b => b.WaitForGradeAsync(ct)));
        return string.Join(Environment.NewLine,
            results.Select(r => $"{r.BatchId}: {r.Grade} at {r.Brix:F1} Brix"));
    }
}
