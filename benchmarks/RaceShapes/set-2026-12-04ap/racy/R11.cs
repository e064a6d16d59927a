namespace Blind42.SlateQuarry.Yield;

public sealed record SlateBlock(string Id, double LengthMm, double WidthMm, double DepthMm, bool HasVein);

public sealed record YieldSummary(double RoofingSquares, int RejectedBlocks);

/// <summary>
/// Estimates how many squares of roofing slate a day's extraction will split into.
/// </summary>
public sealed class SlateYieldCalculator
{
    private const double SlateThicknessMm = 6.5;
    private const double SquareAreaMm2 = 9.29e6;

    private double _roofingSquares;
    private int _rejectedBlocks;

    public YieldSummary Calculate(IReadOnlyList<SlateBlock> blocks)
    {
        _roofingSquares = 0;
        _rejectedBlocks = 0;

        Parallel.ForEach(
            blocks,
            () => new LocalTally(),
            (block, _, tally) =>
            {
                if (block.HasVein || block.DepthMm < SlateThicknessMm * 4)
                {
                    tally.Rejected++;
                    return tally;
                }

                var splits = Math.Floor(block.DepthMm / SlateThicknessMm);
                var usableArea = block.LengthMm * block.WidthMm * 0.82;
                tally.Squares += splits * usableArea / SquareAreaMm2;
                return tally;
            },
            tally =>
            {
                _roofingSquares += tally.Squares;
                Interlocked.Add(ref _rejectedBlocks, tally.Rejected);
            });

        return new YieldSummary(_roofingSquares, _rejectedBlocks);
    }

    private sealed class LocalTally
    {
        public double Squares;
        public int Rejected;
    }
}

/// <summary>Reads the block survey exported by the quarry face scanner.</summary>
public static class BlockSurveyReader
{
    public static IReadOnlyList<SlateBlock> Read(TextReader reader)
    {
        var blocks = new List<SlateBlock>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(',');
            if (parts.Length != 5)
            {
                continue;
            }

            blocks.Add(new SlateBlock(
                parts[0],
                double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                parts[4] == "1"));
        }
        return blocks;
    }
}
