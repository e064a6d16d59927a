using System.Collections.Generic;

namespace GlacierTelemetry.Aggregation;

public sealed record MeltReading(string StationId, DateTimeOffset Timestamp, double MeltMillimetres);

/// <summary>
/// Collects melt readings posted by the field gateways. Registered as a singleton in
/// the ingestion API; the POST endpoint and the dashboard endpoint call into it concurrently.
/// </summary>
public sealed class MeltReadingAggregator
{
    private readonly object _readingsLock = new();
    private readonly object _statsLock = new();
    private readonly Dictionary<string, List<MeltReading>> _byStation = new();
    private double _totalMeltMm;
    private int _readingCount;

    public void Record(MeltReading reading)
    {
        lock (_readingsLock)
        {
            if (!_byStation.TryGetValue(reading.StationId, out var list))
            {
                list = new List<MeltReading>();
                _byStation[reading.StationId] = list;
            }
            list.Add(reading);
            _totalMeltMm += reading.MeltMillimetres;
            _readingCount++;
        }
    }

    /// <summary>Applies a calibration offset reported by the maintenance crew.</summary>
    public void ApplyCalibration(string stationId, double offsetMm)
    {
        lock (_statsLock)
        {
            // Offsets are applied to the running total only; raw readings stay untouched
            // so they can be re-exported for the glaciology team.
            _totalMeltMm += offsetMm;
        }
    }

    public (double TotalMm, int Count) GetTotals()
    {
        lock (_readingsLock)
        {
            return (_totalMeltMm, _readingCount);
        }
    }

    public IReadOnlyList<MeltReading> GetStation(string stationId)
    {
        lock (_readingsLock)
        {
            return _byStation.TryGetValue(stationId, out var list)
                ? list.ToArray()
                : Array.Empty<MeltReading>();
        }
    }
}

public static class MeltEndpoints
{
    public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app, MeltReadingAggregator aggregator)
    {
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/melt",
            (MeltReading r) => { aggregator.Record(r); return Microsoft.AspNetCore.Http.Results.Accepted(); });
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/melt/{id}/calibrate",
            (string id, double offset) => { aggregator.ApplyCalibration(id, offset); return Microsoft.AspNetCore.Http.Results.Ok(); });
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/melt/totals",
            () => Microsoft.AspNetCore.Http.Results.Ok(aggregator.GetTotals()));
    }
}
