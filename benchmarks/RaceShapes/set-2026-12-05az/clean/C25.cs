using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.RadioTelescope.Integration;

public readonly record struct ComplexSample(float Re, float Im);

public interface IDishFeed
{
    string DishId { get; }
    Task<ComplexSample[]> ReadSamplesAsync(CancellationToken ct);
}

public sealed record IntegrationResult(IReadOnlyList<double> MeanPower, IReadOnlyList<string> FlaggedDishes, double ArrayMean);

/// <summary>
/// Integrates one correlator dump across the array: reads every dish's samples
/// concurrently, computes mean power per dish and flags dishes whose power is
/// far from the array median (RFI or a drive fault).
/// </summary>
public sealed class DumpIntegrator
{
    private readonly double _flagFactor;

    public DumpIntegrator(double flagFactor = 4.0) => _flagFactor = flagFactor;

    public async Task<IntegrationResult> IntegrateAsync(IReadOnlyList<IDishFeed> dishes, CancellationToken ct)
    {
        var meanPower = new double[dishes.Count];
        var reads = new Task[dishes.Count];

        for (int i = 0; i < dishes.Count; i++)
        {
            int slot = i;
            reads[slot] = Task.Run(async () =>
            {
                var samples = await dishes[slot].ReadSamplesAsync(ct).ConfigureAwait(false);
                meanPower[slot] = samples.Length == 0
                    ? 0
                    : samples.AsParallel().Select(s => (double)s.Re * s.Re + (double)s.Im * s.Im).Average();
            }, ct);
        }

        await Task.WhenAll(reads).ConfigureAwait(false);

        var sorted = meanPower.OrderBy(p => p).ToArray();
        double median = sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];

        var flagged = Enumerable.Range(0, dishes.Count)
            .AsParallel()
            .AsOrdered()
            .Where(i => median > 0 && (meanPower[i] > median * _flagFactor || meanPower[i] < median / _flagFactor))
            .Select(i => dishes[i].DishId)
            .ToList();

        double arrayMean = meanPower.Length == 0 ? 0 : meanPower.AsParallel().Average();
        return new IntegrationResult(meanPower, flagged, arrayMean);
    }
}

/// <summary>
/// Runs integrations back to back for an observing block and reports flagged dishes.
/// </summary>
public sealed class ObservingBlockRunner
{
    private readonly DumpIntegrator _integrator;
    private readonly IReadOnlyList<IDishFeed> _dishes;

    public ObservingBlockRunner(DumpIntegrator integrator, IReadOnlyList<IDishFeed> dishes)
    {
        _integrator = integrator;
        _dishes = dishes;
    }

    public async Task<IReadOnlyDictionary<string, int>> RunAsync(int dumps, CancellationToken ct)
    {
        var flagCounts = new Dictionary<string, int>();
        for (int d = 0; d < dumps; d++)
        {
            var result = await _integrator.IntegrateAsync(_dishes, ct).ConfigureAwait(false);
            foreach (var dish in result.FlaggedDishes)
            {
                flagCounts[dish] = flagCounts.GetValueOrDefault(dish) + 1;
            }
        }

        return flagCounts;
    }
}
