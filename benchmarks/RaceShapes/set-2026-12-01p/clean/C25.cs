using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.Fisheries.QuotaReport;

public sealed record LandingDeclaration(string VesselId, string Species, double LiveWeightKg, DateOnly Landed);

public interface ILandingsFeed
{
    IEnumerable<LandingDeclaration> Fetch(DateOnly from, DateOnly to);
}

/// <summary>
/// Fetches landing declarations for the quarterly quota uptake report. The fetch runs on
/// a dedicated thread so the CLI can show a spinner; the results are handed over once
/// the thread signals completion.
/// </summary>
public sealed class QuotaUptakeReport : IDisposable
{
    private readonly ManualResetEventSlim _fetched = new(false);
    private Dictionary<string, double>? _kgBySpecies;
    private Exception? _failure;

    public void BeginFetch(ILandingsFeed feed, DateOnly from, DateOnly to)
    {
        var thread = new Thread(() =>
        {
            try
            {
                _kgBySpecies = feed.Fetch(from, to)
                    .GroupBy(d => d.Species, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Sum(d => d.LiveWeightKg), StringComparer.OrdinalIgnoreCase);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
            finally
            {
                _fetched.Set();
            }
        })
        { IsBackground = true, Name = "landings-fetch" };

        thread.Start();
    }

    public bool IsReady => _fetched.IsSet;

    /// <summary>
    /// Waits for the fetch and returns uptake as a fraction of each species' quota.
    /// </summary>
    public IReadOnlyDictionary<string, double> Uptake(IReadOnlyDictionary<string, double> quotaTonnes, TimeSpan timeout)
    {
        if (!_fetched.Wait(timeout))
        {
            throw new TimeoutException("Landings feed did not respond in time.");
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException("Landings fetch failed.", _failure);
        }

        var landed = _kgBySpecies!;
        var uptake = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (species, quota) in quotaTonnes)
        {
            landed.TryGetValue(species, out var kg);
            uptake[species] = quota <= 0 ? 0 : Math.Round(kg / 1000.0 / quota, 3);
        }

        return uptake;
    }

    public void Dispose() => _fetched.Dispose();
}
