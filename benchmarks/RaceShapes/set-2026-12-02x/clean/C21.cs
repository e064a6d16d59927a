using System.Collections.Concurrent;

namespace Blind24.KiteFestival;

public sealed class PermitDecisionEventArgs : EventArgs
{
    public PermitDecisionEventArgs(string applicant, string field, bool approved, string? reason)
    {
        Applicant = applicant;
        Field = field;
        Approved = approved;
        Reason = reason;
    }

    public string Applicant { get; }
    public string Field { get; }
    public bool Approved { get; }
    public string? Reason { get; }
}

/// <summary>
/// Reviews kite flying permit applications against airspace limits. Reviews run on
/// the thread pool and <see cref="Decided"/> is raised from whichever worker
/// finished the review.
/// </summary>
public sealed class PermitReviewer
{
    private readonly IReadOnlyDictionary<string, int> _maxLineLengthByField;

    public PermitReviewer(IReadOnlyDictionary<string, int> maxLineLengthByField) => _maxLineLengthByField = maxLineLengthByField;

    public event EventHandler<PermitDecisionEventArgs>? Decided;

    public void Submit(string applicant, string field, int lineLengthMetres)
    {
        ThreadPool.QueueUserWorkItem(_ =>
        {
            bool known = _maxLineLengthByField.TryGetValue(field, out var max);
            bool approved = known && lineLengthMetres <= max;
            string? reason = !known ? "unknown field" : approved ? null : $"line longer than {max} m";
            Decided?.Invoke(this, new PermitDecisionEventArgs(applicant, field, approved, reason));
        });
    }
}

/// <summary>Collects decisions for the festival office's daily permit sheet.</summary>
public sealed class PermitSheet
{
    private readonly ConcurrentQueue<PermitDecisionEventArgs> _decisions = new();
    private int _approved;
    private int _refused;

    public PermitSheet(PermitReviewer reviewer) => reviewer.Decided += OnDecided;

    private void OnDecided(object? sender, PermitDecisionEventArgs e)
    {
        _decisions.Enqueue(e);
        if (e.Approved)
        {
            Interlocked.Increment(ref _approved);
        }
        else
        {
            Interlocked.Increment(ref _refused);
        }
    }

    public (int Approved, int Refused) Totals => (Volatile.Read(ref _approved), Volatile.Read(ref _refused));

    public IReadOnlyList<string> Lines() =>
        _decisions.ToArray()
            .OrderBy(d => d.Field).ThenBy(d => d.Applicant)
            .Select(d => $"{d.Field}: {d.Applicant} {(d.Approved ? "APPROVED" : "REFUSED (" + d.Reason + ")")}")
            .ToList();
}
