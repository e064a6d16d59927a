using System;
using System.Collections.Generic;
using System.Linq;

namespace Civic.Elections.Canvass
{
    public sealed record CastBallot(string BallotId, string PrecinctId, IReadOnlyList<string> RankedChoices, bool Provisional);

    public sealed record FirstChoiceTally(IReadOnlyDictionary<string, int> Votes, int Rejected);

    /// <summary>Ballot validity rules for a ranked-choice contest. Immutable after construction.</summary>
    public sealed class BallotRules
    {
        private readonly HashSet<string> _candidates;
        private readonly int _maxRankings;

        public BallotRules(IEnumerable<string> candidates, int maxRankings)
        {
            _candidates = new HashSet<string>(candidates, StringComparer.Ordinal);
            _maxRankings = maxRankings;
        }

        public bool IsValid(CastBallot ballot)
        {
            var choices = ballot.RankedChoices;
            return !ballot.Provisional
                && choices.Count > 0
                && choices.Count <= _maxRankings
                && choices.All(_candidates.Contains)
                && choices.Distinct(StringComparer.Ordinal).Count() == choices.Count;
        }
    }

    /// <summary>First-round canvass over all ballot images of a contest.</summary>
    public sealed class CanvassTabulator
    {
        private readonly BallotRules _rules;

        public CanvassTabulator(BallotRules rules) => _rules = rules;

        private sealed class Partial
        {
            public readonly Dictionary<string, int> Votes = new(StringComparer.Ordinal);
            public int Rejected;
        }

        public FirstChoiceTally Tabulate(IEnumerable<CastBallot> ballots) =>
            ballots.AsParallel().Aggregate(
                () => new Partial(),
                (partial, ballot) =>
                {
                    if (_rules.IsValid(ballot))
                    {
                        string first = ballot.RankedChoices[0];
                        partial.Votes[first] = partial.Votes.GetValueOrDefault(first) + 1;
                    }
                    else
                    {
                        partial.Rejected++;
                    }
                    return partial;
                },
                (left, right) =>
                {
                    foreach (var (candidate, votes) in right.Votes)
                        left.Votes[candidate] = left.Votes.GetValueOrDefault(candidate) + votes;
                    left.Rejected += right.Rejected;
                    return left;
                },
                total => new FirstChoiceTally(total.Votes, total.Rejected));
    }
}
