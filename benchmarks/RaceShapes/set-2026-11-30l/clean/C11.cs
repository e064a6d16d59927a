using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Scoreboard.Cricket
{
    public sealed record Delivery(string Batter, int Runs, bool Wicket);

    public sealed record InningsTotal(string Team, int Runs, int Wickets);

    public interface IScorecardFeed
    {
        string BattingTeam { get; }
        IAsyncEnumerable<Delivery> ReadDeliveriesAsync();
    }

    /// <summary>Scores one innings ball by ball and adds the batters' runs to the tournament aggregates.</summary>
    public sealed class InningsScorer
    {
        private static readonly object s_tournamentLock = new();
        private static readonly Dictionary<string, int> s_runsByBatter = new(StringComparer.Ordinal);
        private static readonly List<InningsTotal> s_innings = new();

        private readonly string _team;
        private readonly Dictionary<string, int> _runsThisInnings = new(StringComparer.Ordinal);
        private int _total;
        private int _wickets;

        public InningsScorer(string team) => _team = team;

        public void Record(Delivery ball)
        {
            _total += ball.Runs;
            if (ball.Wicket) _wickets++;
            _runsThisInnings[ball.Batter] = _runsThisInnings.GetValueOrDefault(ball.Batter) + ball.Runs;
        }

        public void Close()
        {
            lock (s_tournamentLock)
            {
                foreach (var (batter, runs) in _runsThisInnings)
                    s_runsByBatter[batter] = s_runsByBatter.GetValueOrDefault(batter) + runs;
                s_innings.Add(new InningsTotal(_team, _total, _wickets));
            }
        }

        public static IReadOnlyList<(string Batter, int Runs)> TopScorers(int count)
        {
            lock (s_tournamentLock)
            {
                return s_runsByBatter.OrderByDescending(p => p.Value)
                                     .Take(count)
                                     .Select(p => (p.Key, p.Value))
                                     .ToList();
            }
        }

        public static int HighestTeamTotal()
        {
            lock (s_tournamentLock)
            {
                return s_innings.Count == 0 ? 0 : s_innings.Max(i => i.Runs);
            }
        }
    }

    /// <summary>Follows all innings in progress on a match day.</summary>
    public static class MatchDayFollower
    {
        public static Task FollowAsync(IEnumerable<IScorecardFeed> feeds) =>
            Task.WhenAll(feeds.Select(feed => Task.Run(async () =>
            {
                var scorer = new InningsScorer(feed.BattingTeam);
                await foreach (var ball in feed.ReadDeliveriesAsync())
                    scorer.Record(ball);
                scorer.Close();
            })));
    }
}
