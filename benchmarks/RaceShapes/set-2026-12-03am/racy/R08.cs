using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.SaltMarsh.Survey;

public sealed record MarshStation(string Id, string Creek, double AlertThresholdPsu);

public sealed record SurveySummary(int Stations, int Readings, double MeanSalinityPsu, IReadOnlyList<string> FlaggedStations);

/// <summary>Summarises the monthly salinity survey across all marsh stations.</summary>
public static class SalinitySurvey
{
    public static SurveySummary Summarize(
        IReadOnlyList<MarshStation> stations,
        Func<MarshStation, IReadOnlyList<double>> loadReadings)
    {
        double totalSalinity = 0;
        int readingCount = 0;
        var flagged = new ConcurrentBag<string>();

        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(stations, options, station =>
        {
            var readings = loadReadings(station);
            if (readings.Count == 0)
                return;

            double stationSum = 0;
            foreach (var psu in readings)
                stationSum += psu;

            if (stationSum / readings.Count > station.AlertThresholdPsu)
                flagged.Add(station.Id);

            Interlocked.Add(ref readingCount, readings.Count);
            totalSalinity += stationSum;
        });

        var mean = readingCount == 0 ? 0 : totalSalinity / readingCount;
        return new SurveySummary(stations.Count, readingCount, mean, flagged.OrderBy(id => id).ToList());
    }
}

/// <summary>Reads logger files exported from the field tablets.</summary>
public sealed class LoggerFileReader
{
    private readonly string _folder;

    public LoggerFileReader(string folder) => _folder = folder;

    public IReadOnlyList<double> Load(MarshStation station)
    {
        var path = System.IO.Path.Combine(_folder, station.Id + ".csv");
        if (!System.IO.File.Exists(path))
            return Array.Empty<double>();

        return System.IO.File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split(',')[2])
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }
}
