using System.Collections.Concurrent;
using System.Globalization;

namespace Blind56.BikeShare.MaintenanceCli;

public sealed record TripRecord(string BikeId, double Kilometres, bool FaultReported, string? FaultCode);

public sealed record BikeServiceDue(string BikeId, double Kilometres, int Faults, string Reason);

/// <summary>
/// Command-line tool run by the depot each morning: reads the trip export, works
/// out which bikes are due a service and prints the list.
/// </summary>
public static class ServiceDueTool
{
    public static int Run(string exportPath, TextWriter output, int parsers = 4)
    {
        using var lines = new BlockingCollection<string>(boundedCapacity: 1000);
        var parsed = new ConcurrentBag<TripRecord>();

        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var line in File.ReadLines(exportPath).Skip(1))
                {
                    lines.Add(line);
                }
            }
            finally
            {
                lines.CompleteAdding();
            }
        });

        var consumers = Enumerable.Range(0, parsers).Select(_ => Task.Run(() =>
        {
            foreach (var line in lines.GetConsumingEnumerable())
            {
                if (TryParse(line, out var trip))
                {
                    parsed.Add(trip);
                }
            }
        })).ToArray();

        Task.WaitAll(consumers.Append(producer).ToArray());

        var report = new ServiceReportBuilder(serviceEveryKm: 500, faultLimit: 2);
        foreach (var trip in parsed)
        {
            report.Add(trip);
        }

        var due = report.Build();
        foreach (var bike in due)
        {
            output.WriteLine($"{bike.BikeId,-10} {bike.Kilometres,8:F1} km  {bike.Faults} faults  {bike.Reason}");
        }

        return due.Count;
    }

    private static bool TryParse(string line, out TripRecord trip)
    {
        var parts = line.Split(',');
        if (parts.Length >= 3 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var km))
        {
            bool fault = parts[2] == "1";
            trip = new TripRecord(parts[0], km, fault, parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null);
            return true;
        }

        trip = null!;
        return false;
    }
}

/// <summary>Accumulates per-bike totals for one report run.</summary>
public sealed class ServiceReportBuilder
{
    private readonly Dictionary<string, (double Km, int Faults)> _bikes = new(StringComparer.Ordinal);
    private readonly double _serviceEveryKm;
    private readonly int _faultLimit;

    public ServiceReportBuilder(double serviceEveryKm, int faultLimit)
    {
        _serviceEveryKm = serviceEveryKm;
        _faultLimit = faultLimit;
    }

    public void Add(TripRecord trip)
    {
        var current = _bikes.GetValueOrDefault(trip.BikeId);
        _bikes[trip.BikeId] = (current.Km + trip.Kilometres, current.Faults + (trip.FaultReported ? 1 : 0));
    }

    public IReadOnlyList<BikeServiceDue> Build() =>
        _bikes
            .Where(b => b.Value.Km >= _serviceEveryKm || b.Value.Faults >= _faultLimit)
            .Select(b => new BikeServiceDue(b.Key, b.Value.Km, b.Value.Faults,
                b.Value.Faults >= _faultLimit ? "repeated faults" : "distance"))
            .OrderBy(b => b.BikeId, StringComparer.Ordinal)
            .ToList();
}
