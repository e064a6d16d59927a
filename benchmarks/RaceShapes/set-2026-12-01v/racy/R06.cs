namespace Blind22.Transplant.Matching;

public sealed record Donor(string Id, string BloodType, string[] HlaAntigens, double HoursSinceRecovery);

public sealed record Recipient(string Id, string BloodType, string[] HlaAntigens, int WaitDays, bool Urgent);

public sealed record MatchCandidate(string DonorId, string RecipientId, int Mismatches, double Score);

/// <summary>
/// Scores every donor/recipient pairing for an organ offer and returns a ranked list
/// for the transplant coordinator.
/// </summary>
public sealed class CrossmatchRanker
{
    private static readonly Dictionary<string, string[]> CompatibleDonorTypes = new()
    {
        ["O"] = new[] { "O" },
        ["A"] = new[] { "A", "O" },
        ["B"] = new[] { "B", "O" },
        ["AB"] = new[] { "AB", "A", "B", "O" },
    };

    private readonly int _maxMismatches;

    public CrossmatchRanker(int maxMismatches = 4) => _maxMismatches = maxMismatches;

    public IReadOnlyList<MatchCandidate> Rank(Donor donor, IReadOnlyCollection<Recipient> waitlist)
    {
        var candidates = new List<MatchCandidate>();

        waitlist
            .AsParallel()
            .Where(r => CompatibleDonorTypes[r.BloodType].Contains(donor.BloodType))
            .ForAll(r =>
            {
                var mismatches = CountMismatches(donor.HlaAntigens, r.HlaAntigens);
                if (mismatches <= _maxMismatches)
                {
                    candidates.Add(new MatchCandidate(donor.Id, r.Id, mismatches, Score(donor, r, mismatches)));
                }
            });

        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        return candidates;
    }

    private static int CountMismatches(string[] donorHla, string[] recipientHla)
    {
        var recipientSet = new HashSet<string>(recipientHla, StringComparer.OrdinalIgnoreCase);
        return donorHla.Count(a => !recipientSet.Contains(a));
    }

    private static double Score(Donor donor, Recipient r, int mismatches)
    {
        var score = 100.0 - mismatches * 12.5;
        score += Math.Min(r.WaitDays / 30.0, 24);
        if (r.Urgent)
        {
            score += 50;
        }
        score -= donor.HoursSinceRecovery * 0.5;
        return score;
    }
}
