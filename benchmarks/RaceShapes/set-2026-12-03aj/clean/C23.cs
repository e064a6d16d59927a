using System.Collections.Concurrent;

namespace Blind36.Marquetry.Nesting;

public sealed record VeneerLeaf(int Number, double WidthMm, double LengthMm, string Species);

public sealed record PieceOutline(string Name, double WidthMm, double LengthMm);

public sealed record NestingResult(int Leaf, int PiecesPlaced, double WastePercent);

/// <summary>
/// Tries to nest marquetry pieces onto each leaf of a veneer flitch, one pool work
/// item per leaf.
/// </summary>
public sealed class FlitchNester
{
    private static long s_leavesProcessed;

    public static long LeavesProcessed => Interlocked.Read(ref s_leavesProcessed);

    public IReadOnlyList<NestingResult> Nest(IReadOnlyList<VeneerLeaf> leaves, IReadOnlyList<PieceOutline> pieces)
    {
        if (leaves.Count == 0)
            return Array.Empty<NestingResult>();

        var results = new ConcurrentQueue<NestingResult>();
        using var countdown = new CountdownEvent(leaves.Count);

        foreach (var leaf in leaves)
        {
            ThreadPool.QueueUserWorkItem(state =>
            {
                try
                {
                    results.Enqueue(NestOne(state, pieces));
                    Interlocked.Increment(ref s_leavesProcessed);
                }
                finally
                {
                    countdown.Signal();
                }
            }, leaf, preferLocal: false);
        }

        countdown.Wait();
        return results.OrderBy(r => r.Leaf).ToList();
    }

    private static NestingResult NestOne(VeneerLeaf leaf, IReadOnlyList<PieceOutline> pieces)
    {
        // Simple shelf packing along the leaf's grain direction.
        double shelfY = 0, shelfHeight = 0, x = 0, used = 0;
        int placed = 0;
        foreach (var p in pieces.OrderByDescending(p => p.LengthMm))
        {
            if (p.WidthMm > leaf.WidthMm)
                continue;
            if (x + p.WidthMm > leaf.WidthMm)
            {
                shelfY += shelfHeight;
                shelfHeight = 0;
                x = 0;
            }
            if (shelfY + p.LengthMm > leaf.LengthMm)
                continue;

            x += p.WidthMm;
            shelfHeight = Math.Max(shelfHeight, p.LengthMm);
            used += p.WidthMm * p.LengthMm;
            placed++;
        }

        double area = leaf.WidthMm * leaf.LengthMm;
        return new NestingResult(leaf.Number, placed, Math.Round(100 * (1 - used / area), 1));
    }
}
