using System;
using System.Collections.Generic;
using System.Linq;

namespace Civic.Elections.Tally
{
    public sealed record Ballot(string BallotId, string PrecinctId, IReadOnlyList<string> RankedChoices, bool Provisional);

    public sealed record FirstRoundResult(IReadOnlyDictionary<string, int> FirstChoices, int Rejected);

    /// <summary>Applies the jurisdiction's ranked-choice ballot rules.</summary>
    public sealed class BallotValidator
    {
        private readonly HashSet<string> _candidates;
        private readonly int _maxRankings;
        private int _rejectedCount;

        public BallotValidator(IEnumerable<string> candidates, int maxRankings)
        {
            _candidates = new HashSet<string>(candidates, StringComparer.Ordinal);
            _maxRankings = maxRankings;
        }

        public int RejectedCount => _rejectedCount;

        public bool IsValid(Ballot ballot)
        {
            var choices = ballot.RankedChoices;
            bool ok = !ballot.Provisional
                && choices.Count > 0
                && choices.Count <= _maxRankings
                && choices.All(_candidates.Contains)
                && choices.Distinct(StringComparer.Ordinal).Count() == choices.Count;

            if (!ok)
                _rejectedCount++;
            return ok;
        }
    }

    /// <summary>Counts first choices across all scanned ballots of a contest.</summary>
    public sealed class FirstRoundTabulator
    {
        private readonly BallotValidator _validator;

        public FirstRoundTabulator(BallotValidator validator) => _validator = validator;

        public FirstRoundResult Tabulate(IEnumerable<Ballot> ballots)
        {
            var counts = ballots
                .AsParallel()
                .Where(_validator.IsValid)
                .GroupBy(b => b.RankedChoices[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

            return new FirstRoundResult(counts, _validator.RejectedCount);
        }
    }
}
