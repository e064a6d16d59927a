namespace Blind30.IceSculpture;

public sealed record IceBlock(string Id, int WidthCm, int DepthCm, int HeightCm, double ClarityScore);

public sealed record FreezerPlan(long TotalGrams, int UsableBlocks, int CloudyBlocks);

/// <summary>
/// Works out how much ice the festival's freezer trucks need to carry from the
/// harvested block inventory.
/// </summary>
public static class BlockInventoryPlanner
{
    private const double IceDensityGramsPerCm3 = 0.917;

    public static FreezerPlan Plan(IReadOnlyList<IceBlock> blocks, double minimumClarity)
    {
        long totalGrams = 0;
        int usable = 0;
        int cloudy = 0;

        Parallel.For(
            0,
            blocks.Count,
            () => (Grams: 0L, Usable: 0, Cloudy: 0),
            (i, _, local) =>
            {
                var block = blocks[i];
                if (block.ClarityScore < minimumClarity)
                {
                    local.Cloudy++;
                    return local;
                }

                long volume = (long)block.WidthCm * block.DepthCm * block.HeightCm;
                local.Grams += (long)(volume * IceDensityGramsPerCm3);
                local.Usable++;
                return local;
            },
            local =>
            {
                Interlocked.Add(ref totalGrams, local.Grams);
                Interlocked.Add(ref usable, local.Usable);
                Interlocked.Add(ref cloudy, local.Cloudy);
            });

        return new FreezerPlan(totalGrams, usable, cloudy);
    }

    public static int TrucksNeeded(FreezerPlan plan, long truckCapacityGrams) =>
        (int)((plan.TotalGrams + truckCapacityGrams - 1) / truckCapacityGrams);

    public static string Describe(FreezerPlan plan) =>
        $"{plan.UsableBlocks} usable blocks ({plan.TotalGrams / 1_000_000.0:F1} t), {plan.CloudyBlocks} set aside";
}
