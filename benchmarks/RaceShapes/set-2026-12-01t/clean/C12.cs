namespace BowlingAlley.League;

public sealed record LeagueGame(string Bowler, string Team, int Lane, IReadOnlyList<int> Rolls);

public sealed record BowlerAverage(string Bowler, string Team, double Average, int HighGame, int Games);

/// <summary>
/// Computes end-of-season league averages from every recorded game.
/// </summary>
public static class LeagueStandings
{
    public static IReadOnlyList<BowlerAverage> Compute(IEnumerable<LeagueGame> games)
    {
        return games
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .Select(g => (g.Bowler, g.Team, Score: ScoreGame(g.Rolls)))
            .GroupBy(x => (x.Bowler, x.Team))
            .Select(grp => new BowlerAverage(
                grp.Key.Bowler,
                grp.Key.Team,
                Math.Round(grp.Average(x => x.Score), 1),
                grp.Max(x => x.Score),
                grp.Count()))
            .OrderByDescending(a => a.Average)
            .ThenBy(a => a.Bowler)
            .ToList();
    }

    public static IReadOnlyDictionary<string, int> TeamTotals(IEnumerable<LeagueGame> games)
    {
        return games
            .AsParallel()
            .Aggregate(
                () => new Dictionary<string, int>(),
                (acc, g) =>
                {
                    acc[g.Team] = acc.GetValueOrDefault(g.Team) + ScoreGame(g.Rolls);
                    return acc;
                },
                (left, right) =>
                {
                    foreach (var (team, total) in right)
                    {
                        left[team] = left.GetValueOrDefault(team) + total;
                    }
                    return left;
                },
                final => (IReadOnlyDictionary<string, int>)final);
    }

    public static int ScoreGame(IReadOnlyList<int> rolls)
    {
        int score = 0, i = 0;
        for (int frame = 0; frame < 10 && i < rolls.Count; frame++)
        {
            int first = rolls[i];
            int second = i + 1 < rolls.Count ? rolls[i + 1] : 0;
            int third = i + 2 < rolls.Count ? rolls[i + 2] : 0;
            if (first == 10)
            {
                score += 10 + second + third;
                i++;
            }
            else if (first + second == 10)
            {
                score += 10 + third;
                i += 2;
            }
            else
            {
                score += first + second;
                i += 2;
            }
        }
        return score;
    }
}
