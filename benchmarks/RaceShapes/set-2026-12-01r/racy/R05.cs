namespace IceRink.Resurfacing;

public sealed record IceSession(string Sheet, DateTime Start, TimeSpan Length, string Kind, int Skaters);

/// <summary>
/// Builds the weekly resurfacing plan for the arena. The Zamboni crew needs to know
/// how many minutes of machine time each sheet will need.
/// </summary>
public sealed class ResurfacingPlanner
{
    private readonly IReadOnlyDictionary<string, double> _minutesPerFlood;

    public ResurfacingPlanner(IReadOnlyDictionary<string, double> minutesPerFlood)
    {
        _minutesPerFlood = minutesPerFlood;
    }

    public WeeklyPlan Build(IReadOnlyList<IceSession> sessions)
    {
        var perSheet = sessions
            .GroupBy(s => s.Sheet)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());

        double totalMachineMinutes = 0;
        var floods = new System.Collections.Concurrent.ConcurrentBag<(string Sheet, DateTime At)>();

        Parallel.ForEach(perSheet, pair =>
        {
            var sheet = pair.Key;
            var ordered = pair.Value;
            var floodMinutes = _minutesPerFlood.TryGetValue(sheet, out var m) ? m : 12.0;

            for (var i = 0; i < ordered.Count; i++)
            {
                var session = ordered[i];
                if (!NeedsFloodAfter(session))
                {
                    continue;
                }

                var floodAt = session.Start + session.Length;
                floods.Add((sheet, floodAt));
                totalMachineMinutes += floodMinutes;
            }
        });

        return new WeeklyPlan(
            floods.OrderBy(f => f.At).ToList(),
            TimeSpan.FromMinutes(totalMachineMinutes));
    }

    private static bool NeedsFloodAfter(IceSession session)
    {
        // Hockey always gets a fresh sheet; public skates only when busy.
        return session.Kind switch
        {
            "hockey" => true,
            "figure" => true,
            "public" => session.Skaters > 60 || session.Length >= TimeSpan.FromMinutes(90),
            _ => session.Length >= TimeSpan.FromMinutes(60),
        };
    }
}

public sealed record WeeklyPlan(IReadOnlyList<(string Sheet, DateTime At)> Floods, TimeSpan MachineTime);
