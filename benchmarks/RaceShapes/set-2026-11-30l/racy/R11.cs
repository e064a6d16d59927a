using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Scoreboard.League
{
    public sealed record GoalEvent(string Team, int Minute);

    public sealed record MatchResult(string Home, string Away, int HomeGoals, int AwayGoals);

    public interface IMatchFeed
    {
        string HomeTeam { get; }
        string AwayTeam { get; }
        IAsyncEnumerable<GoalEvent> ReadGoalsAsync();
    }

    /// <summary>Keeps the live score of one match and records the final result for the season table.</summary>
    public sealed class MatchScorer
    {
        private static readonly List<MatchResult> s_results = new();

        private readonly object _sync = new();
        private readonly string _home;
        private readonly string _away;
        private int _homeGoals;
        private int _awayGoals;

        public MatchScorer(string home, string away)
        {
            _home = home;
            _away = away;
        }

        public void RecordGoal(GoalEvent goal)
        {
            lock (_sync)
            {
                if (goal.Team == _home) _homeGoals++;
                else if (goal.Team == _away) _awayGoals++;
            }
        }

        public void Finish()
        {
            lock (_sync)
            {
                s_results.Add(new MatchResult(_home, _away, _homeGoals, _awayGoals));
            }
        }

        public static IReadOnlyList<(string Team, int Points, int GoalDifference)> Table()
        {
            var rows = new Dictionary<string, (int Points, int Diff)>(StringComparer.Ordinal);
            foreach (var r in s_results)
            {
                Apply(rows, r.Home, r.HomeGoals, r.AwayGoals);
                Apply(rows, r.Away, r.AwayGoals, r.HomeGoals);
            }
            return rows.OrderByDescending(p => p.Value.Points)
                       .ThenByDescending(p => p.Value.Diff)
                       .Select(p => (p.Key, p.Value.Points, p.Value.Diff))
                       .ToList();
        }

        private static void Apply(Dictionary<string, (int Points, int Diff)> rows, string team, int scored, int conceded)
        {
            rows.TryGetValue(team, out var row);
            int points = scored > conceded ? 3 : scored == conceded ? 1 : 0;
            rows[team] = (row.Points + points, row.Diff + scored - conceded);
        }
    }

    /// <summary>Follows every match of a matchday live and returns the updated table.</summary>
    public static class MatchdayRunner
    {
        public static async Task<IReadOnlyList<(string Team, int Points, int GoalDifference)>> RunAsync(IEnumerable<IMatchFeed> feeds)
        {
            var matches = feeds.Select(feed => Task.Run(async () =>
            {
                var scorer = new MatchScorer(feed.HomeTeam, feed.AwayTeam);
                await foreach (var goal in feed.ReadGoalsAsync())
                    scorer.RecordGoal(goal);
                scorer.Finish();
            }));

            await Task.WhenAll(matches);
            return MatchScorer.Table();
        }
    }
}
