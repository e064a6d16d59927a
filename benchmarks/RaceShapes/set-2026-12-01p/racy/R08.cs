using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind16.TollRoad.Billing;

public enum VehicleClass { Motorcycle, Car, Van, HeavyGoods }

public sealed record GantryRead(string GantryId, string Plate, VehicleClass Class, DateTimeOffset SeenAt);

/// <summary>
/// Turns raw gantry plate reads into per-plate toll balances for the nightly
/// billing run. Reads are pushed in by the gantry listeners and drained by a
/// pool of pricing consumers.
/// </summary>
public sealed class GantryTollAggregator
{
    private readonly Channel<GantryRead> _reads;
    private readonly Dictionary<string, decimal> _balanceByPlate = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, decimal> _baseFeeByGantry;

    public GantryTollAggregator(IReadOnlyDictionary<string, decimal> baseFeeByGantry, int capacity = 10_000)
    {
        _baseFeeByGantry = baseFeeByGantry;
        _reads = Channel.CreateBounded<GantryRead>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ValueTask SubmitAsync(GantryRead read, CancellationToken ct = default) =>
        _reads.Writer.WriteAsync(read, ct);

    public void CompleteIntake() => _reads.Writer.TryComplete();

    /// <summary>
    /// Runs the pricing consumers until intake is completed, then returns the balances.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, decimal>> RunAsync(int consumers, CancellationToken ct)
    {
        var workers = Enumerable.Range(0, consumers)
            .Select(_ => Task.Run(() => ConsumeAsync(ct), ct))
            .ToArray();

        await Task.WhenAll(workers).ConfigureAwait(false);

        return new Dictionary<string, decimal>(_balanceByPlate);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var read in _reads.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var fee = PriceFor(read);
            if (fee == 0m)
            {
                continue;
            }

            _balanceByPlate.TryGetValue(read.Plate, out var current);
            _balanceByPlate[read.Plate] = current + fee;
        }
    }

    private decimal PriceFor(GantryRead read)
    {
        if (!_baseFeeByGantry.TryGetValue(read.GantryId, out var baseFee))
        {
            return 0m;
        }

        var multiplier = read.Class switch
        {
            VehicleClass.Motorcycle => 0.5m,
            VehicleClass.Car => 1.0m,
            VehicleClass.Van => 1.6m,
            VehicleClass.HeavyGoods => 3.2m,
            _ => 1.0m,
        };

        var hour = read.SeenAt.ToLocalTime().Hour;
        var peak = hour is >= 7 and < 10 or >= 16 and < 19;
        return decimal.Round(baseFee * multiplier * (peak ? 1.5m : 1.0m), 2);
    }
}
