namespace Blind47.Mosaics.Kiln;

/// <summary>Smalti usage for one colour batch.</summary>
public struct SmaltiBatch
{
    public int SlabsCut;
    public int PiecesUsable;
    public int PiecesWaste;
    public DateTime LastCut;

    public readonly double Yield => PiecesUsable + PiecesWaste == 0 ? 0 : (double)PiecesUsable / (PiecesUsable + PiecesWaste);
}

/// <summary>
/// Shared by the cutting benches and the stock screen: benches report slabs as
/// they are cut into tesserae, the stock screen shows the running totals.
/// </summary>
public sealed class SmaltiStock
{
    private readonly object _gate = new();
    private SmaltiBatch _batch;

    public void RecordSlab(int usable, int waste)
    {
        lock (_gate)
        {
            _batch.SlabsCut++;
            _batch.PiecesUsable += usable;
            _batch.PiecesWaste += waste;
            _batch.LastCut = DateTime.UtcNow;
        }
    }

    public SmaltiBatch Snapshot()
    {
        lock (_gate)
        {
            return _batch;
        }
    }

    public SmaltiBatch Reset()
    {
        lock (_gate)
        {
            var previous = _batch;
            _batch = default;
            return previous;
        }
    }
}

public sealed class CuttingBench
{
    private readonly SmaltiStock _stock;
    private readonly Random _random = new();

    public CuttingBench(SmaltiStock stock) => _stock = stock;

    public void CutSlabs(int slabs)
    {
        for (var i = 0; i < slabs; i++)
        {
            var usable = 80 + _random.Next(20);
            _stock.RecordSlab(usable, 100 - usable);
        }
    }
}

public static class StockScreen
{
    public static async Task<string> RunShiftAsync(SmaltiStock stock, int benches, int slabsEach)
    {
        var work = Enumerable.Range(0, benches)
            .Select(_ => Task.Run(() => new CuttingBench(stock).CutSlabs(slabsEach)))
            .ToArray();

        while (!work.All(t => t.IsCompleted))
        {
            var s = stock.Snapshot();
            Console.WriteLine($"{s.SlabsCut} slabs, yield {s.Yield:P0}");
            await Task.Delay(200);
        }

        await Task.WhenAll(work);
        var final = stock.Snapshot();
        return $"{final.SlabsCut} slabs, {final.PiecesUsable} usable tesserae, last cut {final.LastCut:t}";
    }
}
