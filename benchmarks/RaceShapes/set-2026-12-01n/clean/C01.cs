namespace CrewRostering.Legality;

public sealed record DutyPeriod(string StaffId, string PairingId, DateTime OnDutyUtc, DateTime OffDutyUtc);

public sealed record RestViolation(string StaffId, string PairingId, TimeSpan RestBefore);

/// <summary>
/// Audits a published roster against flight-time limitation rules before it is released
/// to crew.
/// </summary>
public sealed class DutyHoursAuditor
{
    private static readonly TimeSpan MinimumRest = TimeSpan.FromHours(12);

    public IReadOnlyDictionary<string, int> TotalDutyMinutesByCrew(IEnumerable<DutyPeriod> duties)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        var mergeGate = new object();

        Parallel.ForEach(
            duties,
            () => new Dictionary<string, int>(StringComparer.Ordinal),
            (duty, _, local) =>
            {
                var minutes = (int)(duty.OffDutyUtc - duty.OnDutyUtc).TotalMinutes;
                local[duty.StaffId] = local.GetValueOrDefault(duty.StaffId) + minutes;
                return local;
            },
            local =>
            {
                lock (mergeGate)
                {
                    foreach (var (staffId, minutes) in local)
                    {
                        totals[staffId] = totals.GetValueOrDefault(staffId) + minutes;
                    }
                }
            });

        return totals;
    }

    public IReadOnlyList<RestViolation> FindRestViolations(IEnumerable<DutyPeriod> duties)
    {
        var byCrew = duties.GroupBy(d => d.StaffId).ToList();
        var violations = new List<RestViolation>();
        var mergeGate = new object();

        Parallel.ForEach(
            byCrew,
            () => new List<RestViolation>(),
            (group, _, found) =>
            {
                DutyPeriod? previous = null;
                foreach (var duty in group.OrderBy(d => d.OnDutyUtc))
                {
                    if (previous is not null)
                    {
                        var rest = duty.OnDutyUtc - previous.OffDutyUtc;
                        if (rest < MinimumRest)
                        {
                            found.Add(new RestViolation(duty.StaffId, duty.PairingId, rest));
                        }
                    }
                    previous = duty;
                }
                return found;
            },
            found =>
            {
                lock (mergeGate)
                {
                    violations.AddRange(found);
                }
            });

        return violations
            .OrderBy(v => v.StaffId, StringComparer.Ordinal)
            .ThenBy(v => v.PairingId, StringComparer.Ordinal)
            .ToList();
    }
}
