namespace ChessClub.Ratings;

public sealed record GameResult(int WhiteId, int BlackId, double WhiteScore);

/// <summary>
/// Recomputes Glicko-style ratings for every member after a club night. Each member's
/// update only depends on their own games, so members are processed in parallel.
/// </summary>
public static class RatingPeriodProcessor
{
    private const int MaxOpponentsPerNight = 32;
    private const double Q = 0.0057565;

    // Reused between members to avoid allocating per player.
    private static readonly double[] s_expected = new double[MaxOpponentsPerNight];

    public static IReadOnlyDictionary<int, double> Process(
        IReadOnlyDictionary<int, double> ratings,
        IReadOnlyList<GameResult> games)
    {
        var members = ratings.Keys.ToArray();
        var updated = new double[members.Length];

        Parallel.For(0, members.Length, i =>
        {
            var id = members[i];
            var myGames = games.Where(g => g.WhiteId == id || g.BlackId == id).Take(MaxOpponentsPerNight).ToList();
            updated[i] = UpdateOne(id, ratings, myGames);
        });

        var result = new Dictionary<int, double>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            result[members[i]] = updated[i];
        }
        return result;
    }

    private static double UpdateOne(int id, IReadOnlyDictionary<int, double> ratings, List<GameResult> myGames)
    {
        var rating = ratings[id];
        if (myGames.Count == 0)
        {
            return rating;
        }

        for (var k = 0; k < myGames.Count; k++)
        {
            var opponent = myGames[k].WhiteId == id ? myGames[k].BlackId : myGames[k].WhiteId;
            var diff = ratings[opponent] - rating;
            s_expected[k] = 1.0 / (1.0 + Math.Pow(10, diff / 400.0));
        }

        double delta = 0;
        double variance = 0;
        for (var k = 0; k < myGames.Count; k++)
        {
            var score = myGames[k].WhiteId == id ? myGames[k].WhiteScore : 1.0 - myGames[k].WhiteScore;
            var e = s_expected[k];
            delta += score - e;
            variance += e * (1 - e);
        }

        var k2 = Q / (1.0 / 350.0 / 350.0 + Q * Q * variance);
        return rating + k2 * delta;
    }
}
