namespace Blind29.ChessClub.Analysis;

public sealed record ClubGame(string White, string Black, string Result, IReadOnlyList<string> Moves);

public sealed record GameStats(int Plies, int Captures, int Checks, bool Decisive);

/// <summary>
/// Batch statistics over the club's game archive for the annual report.
/// </summary>
public static class ArchiveStatistics
{
    public static GameStats[] Analyse(IReadOnlyList<ClubGame> games)
    {
        var stats = new GameStats[games.Count];
        Parallel.For(0, games.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var game = games[i];
            var captures = 0;
            var checks = 0;
            foreach (var move in game.Moves)
            {
                if (move.Contains('x')) captures++;
                if (move.EndsWith('+') || move.EndsWith('#')) checks++;
            }

            stats[i] = new GameStats(game.Moves.Count, captures, checks, game.Result is "1-0" or "0-1");
        });

        return stats;
    }

    public static string Report(IReadOnlyList<ClubGame> games)
    {
        var stats = Analyse(games);
        if (stats.Length == 0)
        {
            return "No games in archive.";
        }

        var longest = 0;
        for (var i = 1; i < stats.Length; i++)
        {
            if (stats[i].Plies > stats[longest].Plies)
            {
                longest = i;
            }
        }

        var decisive = stats.Count(s => s.Decisive);
        var meanPlies = stats.Average(s => s.Plies);
        var meanCaptures = stats.Average(s => s.Captures);
        return $"{stats.Length} games, {decisive} decisive, mean {meanPlies:0} plies / {meanCaptures:0.0} captures; " +
               $"longest {games[longest].White} v {games[longest].Black} ({stats[longest].Plies} plies)";
    }
}
