using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.RadioTelescope.Calibration;

/// <summary>
/// Gain and phase corrections for one dish of the array.
/// </summary>
public sealed record CalibrationTable(string DishId, ImmutableArray<double> Gains, ImmutableArray<double> PhaseOffsets, DateTimeOffset SolvedAt);

public interface ICalibrationSource
{
    Task<CalibrationTable> FetchAsync(string dishId, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent requests for a dish's calibration table: when the
/// correlator and several imaging jobs ask for the same dish at once, only one
/// fetch goes to the calibration database and every caller gets the same table.
/// Registered as a singleton.
/// </summary>
public sealed class CalibrationFetchCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CalibrationTable>>> _inflight = new(StringComparer.Ordinal);
    private readonly ICalibrationSource _source;

    public CalibrationFetchCoalescer(ICalibrationSource source) => _source = source;

    public Task<CalibrationTable> GetAsync(string dishId, CancellationToken ct)
    {
        var lazy = _inflight.GetOrAdd(
            dishId,
            id => new Lazy<Task<CalibrationTable>>(() => _source.FetchAsync(id, CancellationToken.None)));

        var fetch = lazy.Value;
        _ = fetch.ContinueWith(
            _ => _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<CalibrationTable>>>(dishId, lazy)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        return fetch.WaitAsync(ct);
    }
}

/// <summary>
/// Applies the calibration to a block of visibilities for several dishes at once.
/// </summary>
public sealed class VisibilityCalibrator
{
    private readonly CalibrationFetchCoalescer _calibration;

    public VisibilityCalibrator(CalibrationFetchCoalescer calibration) => _calibration = calibration;

    public async Task<IReadOnlyDictionary<string, double>> MeanGainsAsync(IEnumerable<string> dishIds, CancellationToken ct)
    {
        var pending = new List<Task<CalibrationTable>>();
        foreach (var dish in dishIds)
        {
            pending.Add(_calibration.GetAsync(dish, ct));
        }

        var tables = await Task.WhenAll(pending).ConfigureAwait(false);
        var result = new Dictionary<string, double>();
        foreach (var table in tables)
        {
            double sum = 0;
            foreach (var g in table.Gains)
            {
                sum += g;
            }

            result[table.DishId] = table.Gains.Length == 0 ? 0 : sum / table.Gains.Length;
        }

        return result;
    }
}
