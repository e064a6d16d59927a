using System.Buffers;
using System.Collections.Concurrent;

namespace Blind50.Vineyard.Weighbridge;

/// <summary>A reusable buffer for one weighbridge ticket while it is being assembled.</summary>
public sealed class WeighTicketBuilder
{
    private readonly List<(string Block, double Kilograms)> _loads = new();

    internal int Generation { get; set; }

    public string? Grower { get; private set; }

    public void Start(string grower) => Grower = grower;

    public void AddLoad(string block, double kilograms) => _loads.Add((block, kilograms));

    public string Render() =>
        $"{Grower}: {string.Join(", ", _loads.Select(l => $"{l.Block} {l.Kilograms:F0}kg"))} = {_loads.Sum(l => l.Kilograms):F0}kg";

    internal bool IsClean => Grower == null && _loads.Count == 0;

    internal void Reset()
    {
        Grower = null;
        _loads.Clear();
    }
}

/// <summary>
/// Pool of ticket builders shared by all weighbridge lanes during harvest. Builders are reset
/// when returned; anything returned twice or still holding data from another lane is rejected.
/// </summary>
public sealed class WeighTicketPool
{
    private readonly ConcurrentBag<WeighTicketBuilder> _free = new();
    private readonly ConcurrentDictionary<WeighTicketBuilder, int> _rented = new(ReferenceEqualityComparer.Instance);
    private long _rejectedReturns;

    public long RejectedReturns => Interlocked.Read(ref _rejectedReturns);

    public WeighTicketBuilder Rent()
    {
        if (!_free.TryTake(out var builder))
        {
            builder = new WeighTicketBuilder();
        }

        builder.Generation++;
        _rented[builder] = builder.Generation;
        return builder;
    }

    public void Return(WeighTicketBuilder builder)
    {
        if (!_rented.TryRemove(builder, out var generation) || generation != builder.Generation)
        {
            Interlocked.Increment(ref _rejectedReturns);
            return;
        }

        builder.Reset();
        if (builder.IsClean)
        {
            _free.Add(builder);
        }
    }
}

/// <summary>Handles one truck crossing the weighbridge at a lane.</summary>
public sealed class WeighbridgeLane
{
    private readonly WeighTicketPool _pool;

    public WeighbridgeLane(WeighTicketPool pool) => _pool = pool;

    public string Weigh(string grower, IReadOnlyList<(string Block, int RawReading)> loads, double calibration)
    {
        var builder = _pool.Rent();
        var scratch = ArrayPool<double>.Shared.Rent(loads.Count);
        try
        {
            builder.Start(grower);
            for (var i = 0; i < loads.Count; i++)
            {
                scratch[i] = loads[i].RawReading * calibration;
                builder.AddLoad(loads[i].Block, scratch[i]);
            }

            return builder.Render();
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
            _pool.Return(builder);
        }
    }
}
