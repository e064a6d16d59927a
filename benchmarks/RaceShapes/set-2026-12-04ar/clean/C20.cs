using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Blind44.QuiltingGuild.Squares;

/// <summary>
/// Counts squares contributed to the guild's charity quilts. Registered as a singleton; the
/// submission endpoint and the sign-in sheet importer call it concurrently.
/// </summary>
public sealed class SquareCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _byMember = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _lastSubmittedTicks = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _squaresPerQuilt;
    private int _totalSquares;

    public SquareCounter(int squaresPerQuilt) => _squaresPerQuilt = squaresPerQuilt;

    public int QuiltsCompleted => Volatile.Read(ref _totalSquares) / _squaresPerQuilt;

    /// <summary>Records a square and returns true when it completes a quilt.</summary>
    public bool Record(string memberId, DateTime submittedUtc)
    {
        var box = _byMember.GetOrAdd(memberId, _ => new StrongBox<int>());
        Interlocked.Increment(ref box.Value);
        _lastSubmittedTicks.AddOrUpdate(memberId, submittedUtc.Ticks, (_, old) => Math.Max(old, submittedUtc.Ticks));

        var total = Interlocked.Increment(ref _totalSquares);
        return total % _squaresPerQuilt == 0;
    }

    public int SquaresFor(string memberId) =>
        _byMember.TryGetValue(memberId, out var box) ? Volatile.Read(ref box.Value) : 0;

    public DateTime? LastSubmitted(string memberId) =>
        _lastSubmittedTicks.TryGetValue(memberId, out var ticks) ? new DateTime(ticks, DateTimeKind.Utc) : null;

    public IReadOnlyList<(string Member, int Squares)> Leaderboard(int top) =>
        _byMember
            .Select(kv => (kv.Key, Volatile.Read(ref kv.Value.Value)))
            .OrderByDescending(x => x.Item2)
            .ThenBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .Take(top)
            .ToList();
}

/// <summary>Imports meeting-night sign-in sheets; scanned pages are processed in parallel.</summary>
public sealed class SheetImporter
{
    private readonly SquareCounter _counter;

    public SheetImporter(SquareCounter counter) => _counter = counter;

    public int Import(IEnumerable<IReadOnlyList<string>> pages, DateTime meetingUtc)
    {
        int quiltsFinished = 0;
        Parallel.ForEach(pages, page =>
        {
            foreach (var member in page)
            {
                if (_counter.Record(member, meetingUtc))
                    Interlocked.Increment(ref quiltsFinished);
            }
        });
        return quiltsFinished;
    }
}
