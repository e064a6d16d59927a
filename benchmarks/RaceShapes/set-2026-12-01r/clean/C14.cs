namespace ChessClub.Pairings;

public sealed record Member(int Id, string Name, double Rating);

/// <summary>
/// Scores candidate Swiss pairings for the club's weekly tournament. Each round tries
/// many candidate pairings in parallel and keeps the one with the smallest rating gap.
/// </summary>
public static class SwissPairingSearch
{
    [ThreadStatic]
    private static int[]? t_order;

    public static (int[] Order, double Cost) FindBest(IReadOnlyList<Member> players, int attempts, int seed)
    {
        var bestOrders = new int[attempts][];
        var bestCosts = new double[attempts];

        Parallel.For(0, attempts, attempt =>
        {
            var order = t_order;
            if (order is null || order.Length != players.Count)
            {
                order = new int[players.Count];
                t_order = order;
            }

            var rng = new Random(seed + attempt);
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            rng.Shuffle(order);

            bestCosts[attempt] = Cost(players, order);
            bestOrders[attempt] = (int[])order.Clone();
        });

        var bestIndex = 0;
        for (var i = 1; i < attempts; i++)
        {
            if (bestCosts[i] < bestCosts[bestIndex])
            {
                bestIndex = i;
            }
        }
        return (bestOrders[bestIndex], bestCosts[bestIndex]);
    }

    private static double Cost(IReadOnlyList<Member> players, int[] order)
    {
        double cost = 0;
        for (var i = 0; i + 1 < order.Length; i += 2)
        {
            var gap = players[order[i]].Rating - players[order[i + 1]].Rating;
            cost += gap * gap;
        }
        return cost;
    }
}
