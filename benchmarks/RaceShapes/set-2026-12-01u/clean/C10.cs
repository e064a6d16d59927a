namespace Cricket.Stats;

public sealed record Ball(int Innings, int Over, int BallInOver, string Batter, string Bowler, int Runs, int Extras, bool Wicket);

public sealed record BowlerFigures(string Bowler, int Balls, int RunsConceded, int Wickets)
{
    public string Overs => $"{Balls / 6}.{Balls % 6}";
    public double Economy => Balls == 0 ? 0 : RunsConceded * 6.0 / Balls;
}

/// <summary>Bowling figures for the scorecard, computed from the ball-by-ball feed.</summary>
public static class BowlingFigures
{
    public static IReadOnlyList<BowlerFigures> Compute(IEnumerable<Ball> balls)
    {
        return balls
            .AsParallel()
            .GroupBy(b => b.Bowler)
            .Select(g => new BowlerFigures(
                g.Key,
                g.Count(b => b.Extras == 0),
                g.Sum(b => b.Runs + b.Extras),
                g.Count(b => b.Wicket)))
            .OrderByDescending(f => f.Wickets)
            .ThenBy(f => f.Economy)
            .ToList();
    }

    public static int HighestPartnership(IReadOnlyList<Ball> balls)
    {
        var best = balls
            .AsParallel()
            .AsOrdered()
            .Select((b, i) => (Ball: b, Index: i))
            .Where(x => x.Ball.Wicket)
            .Select(x => x.Index)
            .ToArray();

        var start = 0;
        var max = 0;
        foreach (var wicketIndex in best.Append(balls.Count))
        {
            var runs = 0;
            for (var i = start; i < wicketIndex && i < balls.Count; i++)
                runs += balls[i].Runs + balls[i].Extras;
            max = Math.Max(max, runs);
            start = wicketIndex + 1;
        }
        return max;
    }
}
