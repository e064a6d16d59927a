using System.Collections.Concurrent;

namespace Blind44.QuiltingGuild.Challenge;

/// <summary>Running count of squares a member has contributed to the charity quilt.</summary>
public sealed class SquareTally
{
    public int Squares { get; set; }
    public DateTime FirstSubmittedUtc { get; init; }
}

/// <summary>
/// Tracks the guild's block-of-the-month challenge. Registered as a singleton; the submission
/// endpoint is hit by many members at once on meeting nights.
/// </summary>
public sealed class BlockChallengeTracker
{
    private readonly ConcurrentDictionary<string, SquareTally> _tallies = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _squaresPerQuilt;
    private int _quiltsCompleted;
    private int _squaresTowardNext;
    private readonly object _quiltLock = new();

    public BlockChallengeTracker(int squaresPerQuilt) => _squaresPerQuilt = squaresPerQuilt;

    public int QuiltsCompleted => Volatile.Read(ref _quiltsCompleted);

    public void RecordSquare(string memberId, DateTime submittedUtc)
    {
        var tally = _tallies.GetOrAdd(memberId, _ => new SquareTally { FirstSubmittedUtc = submittedUtc });
        tally.Squares++;

        lock (_quiltLock)
        {
            _squaresTowardNext++;
            if (_squaresTowardNext == _squaresPerQuilt)
            {
                _squaresTowardNext = 0;
                Volatile.Write(ref _quiltsCompleted, _quiltsCompleted + 1);
            }
        }
    }

    public int SquaresFor(string memberId) =>
        _tallies.TryGetValue(memberId, out var tally) ? tally.Squares : 0;

    public IReadOnlyList<(string Member, int Squares)> TopContributors(int count) =>
        _tallies
            .Select(kv => (kv.Key, kv.Value.Squares))
            .OrderByDescending(t => t.Squares)
            .Take(count)
            .ToList();
}

/// <summary>Meeting-night batch import from the paper sign-in sheets, scanned in parallel.</summary>
public sealed class SignInSheetImporter
{
    private readonly BlockChallengeTracker _tracker;

    public SignInSheetImporter(BlockChallengeTracker tracker) => _tracker = tracker;

    public void Import(IEnumerable<IReadOnlyList<string>> sheets, DateTime meetingUtc)
    {
        Parallel.ForEach(sheets, sheet =>
        {
            foreach (var member in sheet)
                _tracker.RecordSquare(member, meetingUtc);
        });
    }
}
