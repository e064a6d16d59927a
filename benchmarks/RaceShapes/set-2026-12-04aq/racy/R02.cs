using System.Collections.Concurrent;

namespace Blind43.Apiary.HoneyShow;

/// <summary>
/// Collects judges' scores for one show class (e.g. "Light Clear Honey").
/// A single instance per class is shared by every tablet request and by the bulk CSV importer.
/// </summary>
public sealed class ClassScoreTally
{
    private readonly ConcurrentDictionary<string, byte> _seenSubmissions = new(StringComparer.Ordinal);
    private int _entriesScored;
    private double _scoreSum;
    private double _bestScore;
    private readonly object _bestGate = new();
    private string? _bestEntry;

    public string ClassName { get; }

    public ClassScoreTally(string className) => ClassName = className;

    /// <summary>Records a score; resubmissions from a flaky tablet connection are ignored.</summary>
    public bool Submit(string submissionId, string entryNumber, double score)
    {
        if (score < 0 || score > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(score));
        }

        if (!_seenSubmissions.TryAdd(submissionId, 0))
        {
            return false;
        }

        Interlocked.Increment(ref _entriesScored);
        _scoreSum += score;

        lock (_bestGate)
        {
            if (score > _bestScore)
            {
                _bestScore = score;
                _bestEntry = entryNumber;
            }
        }

        return true;
    }

    public int EntriesScored => Volatile.Read(ref _entriesScored);

    public double Average
    {
        get
        {
            var n = Volatile.Read(ref _entriesScored);
            return n == 0 ? 0 : Math.Round(_scoreSum / n, 2);
        }
    }

    public (string? Entry, double Score) Leader()
    {
        lock (_bestGate)
        {
            return (_bestEntry, _bestScore);
        }
    }
}

public sealed record ScoreRow(string SubmissionId, string ClassName, string EntryNumber, double Score);

/// <summary>Imports paper score sheets that were typed up after the show closed.</summary>
public sealed class ScoreSheetImporter
{
    private readonly IReadOnlyDictionary<string, ClassScoreTally> _tallies;

    public ScoreSheetImporter(IReadOnlyDictionary<string, ClassScoreTally> tallies) => _tallies = tallies;

    public int Import(IEnumerable<ScoreRow> rows)
    {
        var accepted = 0;
        Parallel.ForEach(rows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, row =>
        {
            if (_tallies.TryGetValue(row.ClassName, out var tally) &&
                tally.Submit(row.SubmissionId, row.EntryNumber, row.Score))
            {
                Interlocked.Increment(ref accepted);
            }
        });
        return accepted;
    }
}
