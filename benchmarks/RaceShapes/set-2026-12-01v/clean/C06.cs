namespace Blind22.Transplant.KidneyOffers;

public sealed record KidneyDonor(string Id, string Abo, IReadOnlySet<string> Hla, int AgeYears);

public sealed record Candidate(string Id, string Abo, IReadOnlySet<string> UnacceptableAntigens, IReadOnlySet<string> Hla, int WaitDays);

public sealed record OfferRank(string CandidateId, int HlaMismatches, double Points);

/// <summary>
/// Produces the ranked offer list for a deceased-donor kidney. Runs inside the offer
/// service's request handler; scoring is spread across cores with PLINQ.
/// </summary>
public static class KidneyOfferList
{
    public static IReadOnlyList<OfferRank> Build(KidneyDonor donor, IReadOnlyList<Candidate> waitlist, int maxOffers)
    {
        var ranked = waitlist
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .Where(c => AboCompatible(donor.Abo, c.Abo))
            .Where(c => !c.UnacceptableAntigens.Overlaps(donor.Hla))
            .Select(c =>
            {
                var mismatches = donor.Hla.Count(a => !c.Hla.Contains(a));
                return new OfferRank(c.Id, mismatches, Points(donor, c, mismatches));
            })
            .OrderByDescending(r => r.Points)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)
            .Take(maxOffers)
            .ToList();

        return ranked;
    }

    private static bool AboCompatible(string donor, string recipient) => donor switch
    {
        "O" => true,
        "A" => recipient is "A" or "AB",
        "B" => recipient is "B" or "AB",
        "AB" => recipient == "AB",
        _ => false,
    };

    private static double Points(KidneyDonor donor, Candidate c, int mismatches)
    {
        var points = c.WaitDays / 365.0 * 10;
        points += (6 - Math.Min(mismatches, 6)) * 2;
        if (donor.AgeYears < 35)
        {
            points += 1.5;
        }
        return points;
    }
}
