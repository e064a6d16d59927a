namespace Insurance.Triage;

public sealed record Claim(string ClaimNumber, string LineOfBusiness, decimal Amount, int PriorClaims);

public sealed record TriageDecision(string ClaimNumber, string Queue, double FraudScore);

public sealed record TriageSummary(IReadOnlyList<TriageDecision> Decisions, int Escalated);

public interface IFraudModel
{
    double Score(Claim claim);
}

/// <summary>
/// First-notice-of-loss triage: scores each new claim and routes it to a work queue.
/// </summary>
public static class ClaimTriage
{
    public static async Task<TriageSummary> TriageAsync(IReadOnlyList<Claim> claims, IFraudModel model)
    {
        var escalated = 0;

        var tasks = claims.Select(claim => Task.Run(() =>
        {
            var score = model.Score(claim);
            string queue;
            if (score >= 0.8 || claim.Amount >= 50_000m)
            {
                queue = "special-investigations";
                escalated++;
            }
            else if (claim.PriorClaims > 2)
            {
                queue = "senior-adjuster";
            }
            else
            {
                queue = claim.LineOfBusiness == "auto" ? "auto-fast-track" : "property-standard";
            }

            return new TriageDecision(claim.ClaimNumber, queue, score);
        }));

        var decisions = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new TriageSummary(decisions, escalated);
    }
}
