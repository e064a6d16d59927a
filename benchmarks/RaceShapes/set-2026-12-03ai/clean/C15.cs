namespace Blind35.DryStoneBridges.Masonry;

public sealed record Voussoir(int Number, double WeightKg, string Face);

/// <summary>
/// Hand-off between the dressing bench and the arch-setting crew: the dresser cannot get more
/// than a few stones ahead of the crew because the staging pallet is small.
/// </summary>
public sealed class StagingPallet
{
    private readonly Queue<Voussoir> _stones = new();
    private readonly int _capacity;
    private bool _closed;

    public StagingPallet(int capacity) => _capacity = capacity;

    public void Put(Voussoir stone)
    {
        lock (_stones)
        {
            while (_stones.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_stones);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The pallet has been closed.");
            }

            _stones.Enqueue(stone);
            Monitor.PulseAll(_stones);
        }
    }

    public bool TryTake(out Voussoir? stone)
    {
        lock (_stones)
        {
            while (_stones.Count == 0 && !_closed)
            {
                Monitor.Wait(_stones);
            }

            if (_stones.Count == 0)
            {
                stone = null;
                return false;
            }

            stone = _stones.Dequeue();
            Monitor.PulseAll(_stones);
            return true;
        }
    }

    public void Close()
    {
        lock (_stones)
        {
            _closed = true;
            Monitor.PulseAll(_stones);
        }
    }
}

public static class ArchBuild
{
    public static double Build(IReadOnlyList<Voussoir> dressed)
    {
        var pallet = new StagingPallet(capacity: 3);
        double setWeight = 0;

        var setter = new Thread(() =>
        {
            while (pallet.TryTake(out var stone))
            {
                setWeight += stone!.WeightKg;
            }
        }) { Name = "arch-setter" };
        setter.Start();

        foreach (var stone in dressed.OrderBy(s => s.Number))
        {
            pallet.Put(stone);
        }

        pallet.Close();
        setter.Join();
        return setWeight;
    }
}
