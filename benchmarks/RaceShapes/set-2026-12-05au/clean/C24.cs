using System.Buffers;
using System.Collections.Generic;

namespace Blind47.Archery.Scoring;

public sealed record ArcherRound(string ArcherId, string Bow, IReadOnlyList<int> ArrowScores);

public sealed record RoundResult(string ArcherId, string Bow, int Total, int Golds, int XCount, double Median);

/// <summary>
/// Scores tournament rounds for the archery range. Rounds are scored in
/// parallel; each scoring call borrows a scratch buffer from the shared pool
/// and gives it back before returning.
/// </summary>
public static class RoundScorer
{
    public const int X = 11;

    public static IReadOnlyList<RoundResult> ScoreAll(IEnumerable<ArcherRound> rounds)
    {
        return rounds
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(Score)
            .OrderByDescending(r => r.Total)
            .ThenByDescending(r => r.XCount)
            .ThenByDescending(r => r.Golds)
            .ToList();
    }

    public static RoundResult Score(ArcherRound round)
    {
        var count = round.ArrowScores.Count;
        var buffer = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            var total = 0;
            var golds = 0;
            var xs = 0;
            for (var i = 0; i < count; i++)
            {
                var score = round.ArrowScores[i];
                buffer[i] = score == X ? 10 : score;
                total += buffer[i];
                if (score >= 9)
                {
                    golds++;
                }

                if (score == X)
                {
                    xs++;
                }
            }

            var span = buffer.AsSpan(0, count);
            span.Sort();
            var median = count == 0
                ? 0
                : count % 2 == 1 ? span[count / 2] : (span[count / 2 - 1] + span[count / 2]) / 2.0;

            return new RoundResult(round.ArcherId, round.Bow, total, golds, xs, median);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }
}

public static class RangeResults
{
    public static IReadOnlyDictionary<string, RoundResult> WinnersByBow(IEnumerable<ArcherRound> rounds)
    {
        return RoundScorer.ScoreAll(rounds)
            .GroupBy(r => r.Bow)
            .ToDictionary(g => g.Key, g => g.First());
    }
}
