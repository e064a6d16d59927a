namespace Blind54.PuzzleHunt.Scoring;

public sealed record Solve(string TeamId, string PuzzleId, int Points, TimeSpan SolveTime);

public sealed record TeamTotal(string TeamId, int Points, int Solves);

/// <summary>Totals the final scoreboard of a hunt from the solve log.</summary>
public static class FinalScoreboard
{
    public static IReadOnlyList<TeamTotal> Compute(IReadOnlyList<Solve> solves)
    {
        var merged = new Dictionary<string, (int Points, int Solves)>();
        var mergeLock = new object();

        Parallel.ForEach(
            solves,
            () => new Dictionary<string, (int Points, int Solves)>(),
            (solve, _, local) =>
            {
                var bonus = solve.SolveTime < TimeSpan.FromMinutes(10) ? 5 : 0;
                local.TryGetValue(solve.TeamId, out var t);
                local[solve.TeamId] = (t.Points + solve.Points + bonus, t.Solves + 1);
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (team, t) in local)
                    {
                        merged.TryGetValue(team, out var m);
                        merged[team] = (m.Points + t.Points, m.Solves + t.Solves);
                    }
                }
            });

        return merged
            .Select(p => new TeamTotal(p.Key, p.Value.Points, p.Value.Solves))
            .OrderByDescending(t => t.Points)
            .ThenBy(t => t.TeamId, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<string> FirstSolvers(IReadOnlyList<Solve> solves)
    {
        var firstByPuzzle = new string[solves.Select(s => s.PuzzleId).Distinct().Count()];
        var puzzles = solves.Select(s => s.PuzzleId).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();

        Parallel.For(0, puzzles.Length, i =>
        {
            var fastest = solves.Where(s => s.PuzzleId == puzzles[i]).MinBy(s => s.SolveTime);
            firstByPuzzle[i] = $"{puzzles[i]}: {fastest?.TeamId}";
        });

        return firstByPuzzle;
    }
}
