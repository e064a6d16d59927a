using System.Collections.Concurrent;

namespace CrewRostering.Pairings;

public sealed record CrewMember(string StaffId, string HomeBase, int MonthlyDutyMinutes, bool IsCaptain);

public sealed record Pairing(string PairingId, string DepartureBase, int DutyMinutes, bool RequiresCaptain);

public sealed record RosterAssignment(string StaffId, string PairingId);

/// <summary>
/// Produces a first-pass draft roster by matching each open pairing to the least-loaded
/// eligible crew member at the pairing's departure base. Planners resolve clashes afterwards.
/// </summary>
public sealed class DraftRosterBuilder
{
    private const int MaxMonthlyDutyMinutes = 100 * 60;

    private readonly List<string> _unassignedPairings = new();

    public IReadOnlyList<string> UnassignedPairings => _unassignedPairings;

    public IReadOnlyList<RosterAssignment> Build(IReadOnlyList<Pairing> pairings, IReadOnlyList<CrewMember> crew)
    {
        _unassignedPairings.Clear();

        var byBase = crew
            .GroupBy(c => c.HomeBase, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

        var assignments = new ConcurrentBag<RosterAssignment>();

        Parallel.ForEach(pairings, pairing =>
        {
            if (!byBase.TryGetValue(pairing.DepartureBase, out var candidates))
            {
                _unassignedPairings.Add(pairing.PairingId);
                return;
            }

            var chosen = candidates
                .Where(c => !pairing.RequiresCaptain || c.IsCaptain)
                .Where(c => c.MonthlyDutyMinutes + pairing.DutyMinutes <= MaxMonthlyDutyMinutes)
                .OrderBy(c => c.MonthlyDutyMinutes)
                .ThenBy(c => c.StaffId, StringComparer.Ordinal)
                .FirstOrDefault();

            if (chosen is null)
            {
                _unassignedPairings.Add(pairing.PairingId);
                return;
            }

            assignments.Add(new RosterAssignment(chosen.StaffId, pairing.PairingId));
        });

        return assignments
            .OrderBy(a => a.PairingId, StringComparer.Ordinal)
            .ToList();
    }
}

public static class DraftRosterReport
{
    public static string Summarise(DraftRosterBuilder builder, IReadOnlyList<RosterAssignment> assignments)
    {
        var perCrew = assignments
            .GroupBy(a => a.StaffId)
            .Select(g => $"{g.Key}: {g.Count()} pairing(s)");

        return string.Join(Environment.NewLine, perCrew)
            + Environment.NewLine
            + $"Unassigned: {builder.UnassignedPairings.Count}";
    }
}
